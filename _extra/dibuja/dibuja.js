/*
 * «Dibuja un dígito»: el lienzo, los botones y las figuras de la página. La preparación y la
 * red están en red.js; los pesos, en pesos.js (make weights). Sin servidor y sin bibliotecas:
 * funciona también abriendo el libro desde el disco.
 */
(function () {
  "use strict";

  var LAYERS = [
    { name: "conv_1", columns: 8, scale: 3 },
    { name: "conv_2", columns: 8, scale: 6 },
    { name: "conv_3", columns: 8, scale: 16 }
  ];
  var GAP = 4;
  var STROKE_WIDTH = 20;

  var MAP_SCALE = 6;  // el mapa de oclusión: 28 × 28 píxeles de la entrada, 6 × 6 puntos cada uno

  function percent(p) {
    return (100 * p).toFixed(1).replace(".", ",") + "\u00a0%";  // espacio que no se parte
  }

  function init() {
    var root = document.getElementById("dibuja");
    if (!root) { return; }
    if (!window.RED_MNIST || !window.RedMnist) {
      document.getElementById("dibuja-resultado").textContent =
        "No se han podido cargar los pesos de la red (pesos.js). Recarga la página; si el " +
        "problema sigue, al libro le falta ese archivo.";
      return;
    }
    var network = window.RedMnist.loadNetwork(window.RED_MNIST);
    var canvas = document.getElementById("dibuja-lienzo");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    var inputCanvas = document.getElementById("dibuja-entrada");
    var result = document.getElementById("dibuja-resultado");
    // El anuncio para los lectores de pantalla solo cambia al terminar un trazo, al borrar o
    // al cargar un ejemplo (no en cada fotograma mientras se dibuja).
    var announcer = document.getElementById("dibuja-anuncio");
    var announce = false;
    // El mapa de oclusión (65 pasadas de la red) se calcula al terminar un trazo, al borrar o
    // al cargar un ejemplo, no en cada fotograma mientras se dibuja.
    var explain = false;
    var occlusionCanvas = document.getElementById("dibuja-oclusion");
    var occlusionText = document.getElementById("dibuja-oclusion-texto");
    var bars = buildBars(document.getElementById("dibuja-barras"));
    var updates = 0;
    var pending = false;
    var drawing = null;
    var pointer = null;  // el puntero que dibuja: un segundo dedo o la palma no dibujan

    function clear() {
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
    }

    function grayPixels() {
      var rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
      var gray = new Float64Array(canvas.width * canvas.height);
      for (var i = 0; i < gray.length; i++) {
        gray[i] = (rgba[4 * i] + rgba[4 * i + 1] + rgba[4 * i + 2]) / 3;
      }
      return gray;
    }

    function update() {
      pending = false;
      var image = window.RedMnist.prepareLikeMnist(grayPixels(), canvas.height, canvas.width);
      updates += 1;
      root.setAttribute("data-actualizaciones", String(updates));
      if (image === null) {
        root.setAttribute("data-prediccion", "");
        result.textContent = "El lienzo está en blanco: dibuja un dígito o carga un ejemplo.";
        if (announce) { announcer.textContent = result.textContent; announce = false; }
        drawInput(inputCanvas, new Float32Array(28 * 28));
        setBars(bars, null);
        LAYERS.forEach(function (layer) { clearMaps(layer); });
        clearOcclusion(occlusionCanvas, occlusionText);
        explain = false;
        return;
      }
      var output = window.RedMnist.forward(network, image);
      var probabilities = output.probabilities;
      var best = 0;
      for (var k = 1; k < probabilities.length; k++) {
        if (probabilities[k] > probabilities[best]) { best = k; }
      }
      root.setAttribute("data-prediccion", String(best));
      result.textContent = "La red dice: " + best + " (probabilidad " + percent(probabilities[best]) + ").";
      if (announce) { announcer.textContent = result.textContent; announce = false; }
      drawInput(inputCanvas, image);
      setBars(bars, probabilities, best);
      LAYERS.forEach(function (layer) { drawMaps(layer, output.outputs[layer.name]); });
      if (explain) {
        explain = false;
        drawOcclusion(occlusionCanvas, occlusionText, image,
          window.RedMnist.occlusionMap(network, image, best));
      }
    }

    /* withAnnouncement: al final de un trazo, al borrar o al cargar un ejemplo (se anuncia el
       resultado y se calcula el mapa de oclusión). */
    function schedule(withAnnouncement) {
      if (withAnnouncement) { announce = true; explain = true; }
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }

    function position(event) {
      var box = canvas.getBoundingClientRect();
      return {
        x: (event.clientX - box.left) * canvas.width / box.width,
        y: (event.clientY - box.top) * canvas.height / box.height
      };
    }

    canvas.addEventListener("pointerdown", function (event) {
      if (!event.isPrimary || event.button !== 0 || pointer !== null) { return; }
      event.preventDefault();
      pointer = event.pointerId;
      try {  // el trazo sigue aunque el puntero salga del lienzo
        canvas.setPointerCapture(event.pointerId);
      } catch (error) {
        // Un puntero que el navegador ya no da por activo: se dibuja sin capturarlo.
      }
      drawing = position(event);
      context.fillStyle = "#000000";
      context.beginPath();
      context.arc(drawing.x, drawing.y, STROKE_WIDTH / 2, 0, 2 * Math.PI);
      context.fill();
      schedule();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (drawing === null || event.pointerId !== pointer) { return; }
      event.preventDefault();
      var point = position(event);
      context.strokeStyle = "#000000";
      context.lineWidth = STROKE_WIDTH;
      context.lineCap = "round";
      context.lineJoin = "round";
      context.beginPath();
      context.moveTo(drawing.x, drawing.y);
      context.lineTo(point.x, point.y);
      context.stroke();
      drawing = point;
      schedule();
    });
    ["pointerup", "pointercancel", "lostpointercapture"].forEach(function (type) {
      canvas.addEventListener(type, function (event) {
        if (event.pointerId !== pointer) { return; }
        pointer = null;
        drawing = null;
        schedule(true);
      });
    });

    document.getElementById("dibuja-borrar").addEventListener("click", function () {
      clear();
      schedule(true);
    });

    // Los ejemplos: dígitos del conjunto de prueba de MNIST, en tinta oscura sobre papel blanco.
    var examples = document.getElementById("dibuja-ejemplos");
    network.examples.forEach(function (example) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dibuja-boton";
      button.textContent = String(example.label);
      button.setAttribute("aria-label", "Cargar un " + example.label + " de ejemplo");
      button.setAttribute("data-ejemplo", String(example.label));
      button.addEventListener("click", function () {
        clear();
        var cell = Math.floor(Math.min(canvas.width, canvas.height) / 28);
        for (var i = 0; i < 28; i++) {
          for (var j = 0; j < 28; j++) {
            var ink = example.pixels[i * 28 + j];
            if (ink > 0) {
              var paper = 255 - ink;
              context.fillStyle = "rgb(" + paper + "," + paper + "," + paper + ")";
              context.fillRect(j * cell, i * cell, cell, cell);
            }
          }
        }
        schedule(true);
      });
      examples.appendChild(button);
    });

    clear();
    update();
    root.setAttribute("data-lista", "sí");
  }

  function buildBars(list) {
    var rows = [];
    for (var k = 0; k < 10; k++) {
      var item = document.createElement("li");
      item.className = "dibuja-barra";
      var label = document.createElement("span");
      label.className = "dibuja-digito";
      label.textContent = String(k);
      var track = document.createElement("span");
      track.className = "dibuja-pista";
      track.setAttribute("aria-hidden", "true");
      var fill = document.createElement("span");
      fill.className = "dibuja-relleno";
      track.appendChild(fill);
      var value = document.createElement("span");
      value.className = "dibuja-valor";
      item.appendChild(label);
      item.appendChild(track);
      item.appendChild(value);
      list.appendChild(item);
      rows.push({ item: item, fill: fill, value: value });
    }
    return rows;
  }

  function setBars(rows, probabilities, best) {
    rows.forEach(function (row, k) {
      var p = probabilities ? probabilities[k] : 0;
      row.fill.style.width = (100 * p).toFixed(2) + "%";
      row.value.textContent = probabilities ? percent(p) : "—";
      row.item.classList.toggle("dibuja-ganadora", probabilities !== null && k === best);
      row.item.setAttribute("data-probabilidad", probabilities ? String(p) : "");
    });
  }

  function drawInput(canvas, image) {
    var context = canvas.getContext("2d");
    var cell = canvas.width / 28;
    for (var i = 0; i < 28; i++) {
      for (var j = 0; j < 28; j++) {
        var v = Math.round(255 * image[i * 28 + j]);
        context.fillStyle = "rgb(" + v + "," + v + "," + v + ")";
        context.fillRect(j * cell, i * cell, cell, cell);
      }
    }
  }

  function mapsCanvas(layer) {
    return document.getElementById("dibuja-mapas-" + layer.name);
  }

  function clearMaps(layer) {
    var canvas = mapsCanvas(layer);
    canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
    canvas.setAttribute("data-maximo", "0");
  }

  /* El mapa de color viridis de matplotlib (el de las magnitudes no negativas del libro), en 9
     colores de referencia interpolados linealmente: t = 0 morado oscuro, t = 1 amarillo. */
  var VIRIDIS = [[68, 1, 84], [71, 45, 123], [59, 82, 139], [44, 114, 142], [33, 145, 140],
                 [40, 174, 128], [94, 201, 98], [173, 220, 48], [253, 231, 37]];

  function viridis(t) {
    var x = Math.min(Math.max(t, 0), 1) * (VIRIDIS.length - 1);
    var i = Math.min(Math.floor(x), VIRIDIS.length - 2), f = x - i;
    return [0, 1, 2].map(function (k) {
      return Math.round(VIRIDIS[i][k] + f * (VIRIDIS[i + 1][k] - VIRIDIS[i][k]));
    });
  }

  /* Cada canal, un recuadro de la rejilla; todos con la misma escala de color (el máximo de la capa). */
  function drawMaps(layer, output) {
    var canvas = mapsCanvas(layer);
    var height = output.shape[0], width = output.shape[1], channels = output.shape[2];
    var rows = Math.ceil(channels / layer.columns);
    var tileW = width * layer.scale, tileH = height * layer.scale;
    canvas.width = layer.columns * (tileW + GAP) - GAP;
    canvas.height = rows * (tileH + GAP) - GAP;
    var context = canvas.getContext("2d");
    var pixels = context.createImageData(canvas.width, canvas.height);
    var top = 0, i;
    for (i = 0; i < output.data.length; i++) { top = Math.max(top, output.data[i]); }
    for (i = 0; i < pixels.data.length; i += 4) {  // fondo de la rejilla
      pixels.data[i] = 255; pixels.data[i + 1] = 255; pixels.data[i + 2] = 255; pixels.data[i + 3] = 255;
    }
    for (var c = 0; c < channels; c++) {
      var x0 = (c % layer.columns) * (tileW + GAP), y0 = Math.floor(c / layer.columns) * (tileH + GAP);
      for (var y = 0; y < tileH; y++) {
        for (var x = 0; x < tileW; x++) {
          var value = output.data[(Math.floor(y / layer.scale) * width + Math.floor(x / layer.scale)) * channels + c];
          var t = top > 0 ? value / top : 0;
          var index = 4 * ((y0 + y) * canvas.width + x0 + x);
          // viridis, como los mapas de los capítulos: morado oscuro (0) a amarillo (el máximo).
          var colour = viridis(t);
          pixels.data[index] = colour[0];
          pixels.data[index + 1] = colour[1];
          pixels.data[index + 2] = colour[2];
          pixels.data[index + 3] = 255;
        }
      }
    }
    context.putImageData(pixels, 0, 0);
    canvas.setAttribute("data-maximo", String(top));
  }

  /* ---------- El mapa de oclusión: dónde mira la red ---------- */

  /* RdBu invertido (el mapa divergente del libro, apto para daltónicos), en 11 colores de
     referencia: t = −1 azul oscuro, t = 0 casi blanco, t = 1 rojo oscuro. */
  var RDBU = [[5, 48, 97], [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240],
              [247, 247, 247], [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43],
              [103, 0, 31]];

  function rdbu(t) {
    var x = (Math.min(Math.max(t, -1), 1) + 1) / 2 * (RDBU.length - 1);
    var i = Math.min(Math.floor(x), RDBU.length - 2), f = x - i;
    return [0, 1, 2].map(function (k) { return RDBU[i][k] + f * (RDBU[i + 1][k] - RDBU[i][k]); });
  }

  /* Un número con una cifra decimal, a la española: coma decimal y signo menos (−). */
  function decimal(x) {
    var text = Math.abs(x) < 0.05 ? "0.0" : x.toFixed(1);
    return text.replace(".", ",").replace("-", "\u2212");
  }

  /* Las filas y columnas (contadas desde 1) que tapa la casilla (i, j) del mapa. */
  function zone(occlusion, index) {
    var i = Math.floor(index / occlusion.cols), j = index % occlusion.cols;
    var s = occlusion.stride, p = occlusion.patch;
    return "las filas " + (i * s + 1) + " a " + (i * s + p) + " y las columnas " + (j * s + 1) +
      " a " + (j * s + p);
  }

  /* La frase que dice lo mismo que el mapa (para el texto visible y para los lectores de pantalla). */
  function describeOcclusion(occlusion) {
    var map = occlusion.map, top = 0, bottom = 0;
    for (var k = 1; k < map.length; k++) {
      if (map[k] > map[top]) { top = k; }
      if (map[k] < map[bottom]) { bottom = k; }
    }
    var digit = occlusion.classIndex, before = occlusion.before;
    var text = map[top] > 0
      ? "Tapar la zona de " + zone(occlusion, top) + " (de 28) es lo que más baja el logit del " +
        digit + ": de " + decimal(before) + " a " + decimal(before - map[top]) + "."
      : "Ninguna zona baja el logit del " + digit + " al taparla (" + decimal(before) + ").";
    // La subida, solo si se ve azul en el mapa (al menos una décima de la escala de color).
    if (map[bottom] < 0 && -map[bottom] >= 0.1 * Math.max(map[top], -map[bottom])) {
      text += " Tapar " + zone(occlusion, bottom) + " lo sube hasta " + decimal(before - map[bottom]) + ".";
    }
    return text;
  }

  /* Cuántas veces se ha dibujado o borrado el mapa (para las pruebas, como data-actualizaciones). */
  function countOcclusion(canvas) {
    canvas.setAttribute("data-mapas", String(Number(canvas.getAttribute("data-mapas") || 0) + 1));
  }

  function clearOcclusion(canvas, text) {
    canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
    countOcclusion(canvas);
    canvas.setAttribute("data-clase", "");
    canvas.setAttribute("aria-label", "Dónde mira la red: el lienzo está en blanco y no hay mapa.");
    text.textContent = "Dibuja un dígito o carga un ejemplo para ver el mapa.";
  }

  /*
   * La entrada en gris (tinta oscura sobre papel blanco) y, encima, el mapa: cada casilla es un
   * cuadrado de stride × stride píxeles centrado en la zona que tapa su parche, rojo si taparla
   * baja el logit y azul si lo sube, con la escala simétrica hasta el mayor cambio.
   */
  function drawOcclusion(canvas, text, image, occlusion) {
    var size = 28 * MAP_SCALE;
    canvas.width = size;
    canvas.height = size;
    var context = canvas.getContext("2d");
    var pixels = context.createImageData(size, size);
    var bound = 0, k;
    for (k = 0; k < occlusion.map.length; k++) { bound = Math.max(bound, Math.abs(occlusion.map[k])); }
    var s = occlusion.stride, offset = (occlusion.patch - s) / 2;  // donde empieza la casilla 0
    for (var y = 0; y < size; y++) {
      var i = Math.floor(((y + 0.5) / MAP_SCALE - offset) / s);
      for (var x = 0; x < size; x++) {
        var j = Math.floor(((x + 0.5) / MAP_SCALE - offset) / s);
        var inside = i >= 0 && i < occlusion.rows && j >= 0 && j < occlusion.cols && bound > 0;
        var colour = inside ? rdbu(occlusion.map[i * occlusion.cols + j] / bound) : [255, 255, 255];
        // La tinta oscurece el color, como un rotulador sobre el dibujo.
        var shade = 1 - 0.55 * image[Math.floor(y / MAP_SCALE) * 28 + Math.floor(x / MAP_SCALE)];
        var index = 4 * (y * size + x);
        pixels.data[index] = Math.round(colour[0] * shade);
        pixels.data[index + 1] = Math.round(colour[1] * shade);
        pixels.data[index + 2] = Math.round(colour[2] * shade);
        pixels.data[index + 3] = 255;
      }
    }
    context.putImageData(pixels, 0, 0);
    var sentence = describeOcclusion(occlusion);
    countOcclusion(canvas);
    canvas.setAttribute("data-clase", String(occlusion.classIndex));
    canvas.setAttribute("data-maximo", String(bound));
    canvas.setAttribute("aria-label", "Mapa de la sensibilidad a la oclusión sobre la entrada. " + sentence);
    text.textContent = sentence;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
