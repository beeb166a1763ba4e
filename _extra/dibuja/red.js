/*
 * La red convolucional del curso en JavaScript, sin bibliotecas: la preparación de una
 * imagen como las de MNIST (la misma que course_lib.preprocessing.prepare_like_mnist) y la
 * pasada hacia delante de Conv2D, MaxPooling2D, Flatten y Dense, escrita con bucles como la
 * convolución a mano del capítulo «La convolución (Conv2D)».
 *
 * Los mapas se guardan como en Keras: alto × ancho × canales, con el canal como índice más
 * rápido (posición (i, j, c) en (i * ancho + j) * canales + c).
 *
 * También la sensibilidad a la oclusión (occlusionMap, como course_lib.attribution.occlusion_map):
 * se tapa una zona de la entrada y se mira cuánto baja el logit de una clase.
 *
 * En el navegador define window.RedMnist; en Node, module.exports.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.RedMnist = api;
  }
})(this, function () {
  "use strict";

  var FRAME = 28;
  var BOX = 20;
  var INK_THRESHOLD = 0.1;
  // La oclusión de la página: un parche de 7 × 7 píxeles que avanza de 3 en 3 (8 × 8 = 64
  // posiciones, 65 pasadas con la imagen sin tapar) y tapa con 0, el negro del fondo.
  var OCCLUSION = { patch: 7, stride: 3, fill: 0, score: "logit" };

  /* ---------- Preparación como MNIST (prepare_like_mnist en Python) ---------- */

  function median(values) {
    var sorted = Array.prototype.slice.call(values).sort(function (a, b) { return a - b; });
    var n = sorted.length;
    var half = Math.floor(n / 2);
    return n % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  }

  /* Escala de 0 (fondo) a 1 (tinta): normaliza, invierte si el papel es claro y limpia el fondo. */
  function inkImage(gray, height, width) {
    var n = height * width;
    var low = Infinity, high = -Infinity, i;
    for (i = 0; i < n; i++) {
      if (!isFinite(gray[i])) { throw new Error("la imagen tiene valores no finitos"); }
      if (gray[i] < low) { low = gray[i]; }
      if (gray[i] > high) { high = gray[i]; }
    }
    if (high === low) { return null; }  // uniforme: no hay trazo
    var values = new Float64Array(n);
    for (i = 0; i < n; i++) { values[i] = (gray[i] - low) / (high - low); }
    var border = [], r, c;
    for (c = 0; c < width; c++) { border.push(values[c]); }
    if (height > 1) { for (c = 0; c < width; c++) { border.push(values[(height - 1) * width + c]); } }
    for (r = 1; r < height - 1; r++) {
      border.push(values[r * width]);
      if (width > 1) { border.push(values[r * width + width - 1]); }
    }
    var invert = median(border) > 0.5;
    for (i = 0; i < n; i++) {
      var v = invert ? 1 - values[i] : values[i];
      values[i] = v < INK_THRESHOLD ? 0 : v;
    }
    return values;
  }

  /* Matriz (salida × entrada) con la fracción de cada píxel de entrada en cada uno de salida. */
  function areaWeights(sizeOut, sizeIn) {
    var scale = sizeIn / sizeOut;
    var weights = new Float64Array(sizeOut * sizeIn);
    for (var i = 0; i < sizeOut; i++) {
      var start = i * scale, stop = (i + 1) * scale;
      var last = Math.min(Math.ceil(stop), sizeIn);
      for (var j = Math.floor(start); j < last; j++) {
        weights[i * sizeIn + j] = (Math.min(stop, j + 1) - Math.max(start, j)) / scale;
      }
    }
    return weights;
  }

  /* Cambia el tamaño promediando áreas (resize_area en Python). */
  function resizeArea(image, height, width, newHeight, newWidth) {
    var rowsW = areaWeights(newHeight, height), colsW = areaWeights(newWidth, width);
    var tmp = new Float64Array(newHeight * width);  // rowsW @ image
    var i, j, k, s;
    for (i = 0; i < newHeight; i++) {
      for (j = 0; j < width; j++) {
        s = 0;
        for (k = 0; k < height; k++) { s += rowsW[i * height + k] * image[k * width + j]; }
        tmp[i * width + j] = s;
      }
    }
    var out = new Float64Array(newHeight * newWidth);  // (rowsW @ image) @ colsW.T
    for (i = 0; i < newHeight; i++) {
      for (j = 0; j < newWidth; j++) {
        s = 0;
        for (k = 0; k < width; k++) { s += tmp[i * width + k] * colsW[j * width + k]; }
        out[i * newWidth + j] = s;
      }
    }
    return out;
  }

  /*
   * gray: valores de gris (alto × ancho, por filas), trazo oscuro sobre claro o al revés.
   * Devuelve un Float32Array de 28 × 28 entre 0 y 1, o null si la imagen es uniforme.
   */
  function prepareLikeMnist(gray, height, width) {
    var ink = inkImage(gray, height, width);
    if (ink === null) { return null; }
    var top = height, bottom = -1, left = width, right = -1, r, c;
    for (r = 0; r < height; r++) {
      for (c = 0; c < width; c++) {
        if (ink[r * width + c] > 0) {
          if (r < top) { top = r; }
          if (r > bottom) { bottom = r; }
          if (c < left) { left = c; }
          if (c > right) { right = c; }
        }
      }
    }
    var h = bottom - top + 1, w = right - left + 1;
    var crop = new Float64Array(h * w);
    for (r = 0; r < h; r++) {
      for (c = 0; c < w; c++) { crop[r * w + c] = ink[(top + r) * width + left + c]; }
    }
    var scale = BOX / Math.max(h, w);
    var newH = Math.max(1, Math.floor(h * scale + 0.5));
    var newW = Math.max(1, Math.floor(w * scale + 0.5));
    var digit = resizeArea(crop, h, w, newH, newW);
    var total = 0, rowSum = 0, colSum = 0, v;
    for (r = 0; r < newH; r++) {
      for (c = 0; c < newW; c++) {
        v = digit[r * newW + c];
        total += v; rowSum += v * r; colSum += v * c;
      }
    }
    var middle = Math.floor(FRAME / 2);
    var clip = function (x, lo, hi) { return Math.min(Math.max(x, lo), hi); };
    // Redondeo al píxel, con el desplazamiento a 9 decimales, como en Python.
    var round9 = function (x) { return Math.round(x * 1e9) / 1e9; };
    var offTop = clip(Math.floor(round9(middle - rowSum / total) + 0.5), 0, FRAME - newH);
    var offLeft = clip(Math.floor(round9(middle - colSum / total) + 0.5), 0, FRAME - newW);
    var frame = new Float32Array(FRAME * FRAME);
    for (r = 0; r < newH; r++) {
      for (c = 0; c < newW; c++) {
        frame[(offTop + r) * FRAME + offLeft + c] = clip(digit[r * newW + c], 0, 1);
      }
    }
    return frame;
  }

  /* ---------- Los pesos (pesos.js, de «make weights») ---------- */

  function decodeBase64(text) {
    if (typeof atob === "function") {
      var binary = atob(text);
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
      return bytes;
    }
    return new Uint8Array(Buffer.from(text, "base64"));  // Node
  }

  function float32(text) {
    var bytes = decodeBase64(text);
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  }

  /* Decodifica los datos de pesos.js una vez: capas listas para forward(). */
  function loadNetwork(data) {
    var layers = data.layers.map(function (layer) {
      var out = { name: layer.name, type: layer.type, activation: layer.activation };
      if (layer.kernel) {
        out.kernel = float32(layer.kernel);
        out.bias = float32(layer.bias);
        out.kernelShape = layer.kernel_shape;
      }
      return out;
    });
    var examples = (data.examples || []).map(function (e) {
      return { label: e.label, pixels: decodeBase64(e.pixels) };
    });
    return { layers: layers, inputShape: data.input_shape, trainingKey: data.training_key, examples: examples };
  }

  /* ---------- Las capas ---------- */

  function conv2d(input, shape, kernel, kshape, bias, relu) {
    var H = shape[0], W = shape[1], C = shape[2];
    var kh = kshape[0], kw = kshape[1], F = kshape[3];
    var oh = H - kh + 1, ow = W - kw + 1;
    var out = new Float32Array(oh * ow * F);
    var acc = new Float64Array(F);
    for (var i = 0; i < oh; i++) {
      for (var j = 0; j < ow; j++) {
        for (var f = 0; f < F; f++) { acc[f] = bias[f]; }
        for (var di = 0; di < kh; di++) {
          for (var dj = 0; dj < kw; dj++) {
            var inBase = ((i + di) * W + (j + dj)) * C;
            var kBase = (di * kw + dj) * C * F;
            for (var c = 0; c < C; c++) {
              var x = input[inBase + c];
              if (x === 0) { continue; }
              var kRow = kBase + c * F;
              for (f = 0; f < F; f++) { acc[f] += x * kernel[kRow + f]; }
            }
          }
        }
        var outBase = (i * ow + j) * F;
        for (f = 0; f < F; f++) { out[outBase + f] = relu && acc[f] < 0 ? 0 : acc[f]; }
      }
    }
    return { data: out, shape: [oh, ow, F] };
  }

  function maxPool2(input, shape) {
    var H = shape[0], W = shape[1], C = shape[2];
    var oh = Math.floor(H / 2), ow = Math.floor(W / 2);
    var out = new Float32Array(oh * ow * C);
    for (var i = 0; i < oh; i++) {
      for (var j = 0; j < ow; j++) {
        for (var c = 0; c < C; c++) {
          var a = input[((2 * i) * W + 2 * j) * C + c], b = input[((2 * i) * W + 2 * j + 1) * C + c];
          var d = input[((2 * i + 1) * W + 2 * j) * C + c], e = input[((2 * i + 1) * W + 2 * j + 1) * C + c];
          out[(i * ow + j) * C + c] = Math.max(a, b, d, e);
        }
      }
    }
    return { data: out, shape: [oh, ow, C] };
  }

  /* La capa densa; logits: las sumas (en float64) antes de la activación. */
  function dense(input, kernel, kshape, bias, activation) {
    var n = kshape[0], units = kshape[1];
    var acc = new Float64Array(units), u;
    for (u = 0; u < units; u++) { acc[u] = bias[u]; }
    for (var k = 0; k < n; k++) {
      var x = input[k];
      if (x === 0) { continue; }
      for (u = 0; u < units; u++) { acc[u] += x * kernel[k * units + u]; }
    }
    var logits = Float64Array.from(acc);
    var out = new Float32Array(units);
    if (activation === "softmax") {
      var top = -Infinity, sum = 0;
      for (u = 0; u < units; u++) { top = Math.max(top, acc[u]); }
      for (u = 0; u < units; u++) { acc[u] = Math.exp(acc[u] - top); sum += acc[u]; }
      for (u = 0; u < units; u++) { out[u] = acc[u] / sum; }
    } else {
      for (u = 0; u < units; u++) { out[u] = activation === "relu" && acc[u] < 0 ? 0 : acc[u]; }
    }
    return { data: out, shape: [units], logits: logits };
  }

  /*
   * La pasada hacia delante: image es un Float32Array de 28 × 28 (0 a 1). Devuelve
   * { probabilities, logits, outputs }: logits son las sumas de la última Dense antes de la
   * softmax (en float64, z = h · W + b), y outputs tiene la salida de cada capa por su nombre
   * ({data, shape}).
   */
  function forward(network, image) {
    var current = { data: image, shape: network.inputShape.slice() };
    var outputs = {};
    var logits = null;
    network.layers.forEach(function (layer) {
      if (layer.type === "Conv2D") {
        current = conv2d(current.data, current.shape, layer.kernel, layer.kernelShape, layer.bias,
          layer.activation === "relu");
      } else if (layer.type === "MaxPooling2D") {
        current = maxPool2(current.data, current.shape);
      } else if (layer.type === "Flatten") {
        current = { data: current.data, shape: [current.data.length] };
      } else if (layer.type === "Dense") {
        current = dense(current.data, layer.kernel, layer.kernelShape, layer.bias, layer.activation);
        logits = current.logits;
      } else {
        throw new Error("capa desconocida: " + layer.type);
      }
      outputs[layer.name] = current;
    });
    return { probabilities: current.data, logits: logits, outputs: outputs };
  }

  /* ---------- La sensibilidad a la oclusión (attribution.occlusion_map en Python) ---------- */

  function checkInteger(value, name, minimum) {
    if (typeof value !== "number" || Math.floor(value) !== value || value < minimum) {
      throw new Error("«" + name + "» debe ser un entero mayor o igual que " + minimum +
        "; se recibió " + value + ".");
    }
  }

  /*
   * Cuánto baja la puntuación de classIndex al tapar cada zona de image (28 × 28) con un
   * parche de patch × patch píxeles de valor fill, que avanza stride píxeles cada vez (por
   * omisión, los de OCCLUSION). score: "logit" (por omisión) o "probabilidad".
   * Devuelve { map, rows, cols, patch, stride, fill, score, classIndex, before }: map es un
   * Float64Array de rows × cols (por filas) con la puntuación sin tapar (before) menos la
   * tapada; la casilla (i, j) tapa las filas i·stride a i·stride + patch − 1 y lo mismo en
   * las columnas. Donde el parche solo cubre píxeles que ya valen fill, la imagen no cambia:
   * la casilla vale exactamente 0 sin hacer la pasada.
   */
  function occlusionMap(network, image, classIndex, options) {
    options = options || {};
    var patch = options.patch === undefined ? OCCLUSION.patch : options.patch;
    var stride = options.stride === undefined ? OCCLUSION.stride : options.stride;
    var fill = options.fill === undefined ? OCCLUSION.fill : options.fill;
    var score = options.score === undefined ? OCCLUSION.score : options.score;
    var height = network.inputShape[0], width = network.inputShape[1];
    checkInteger(patch, "patch", 1);
    checkInteger(stride, "stride", 1);
    if (patch > Math.min(height, width)) {
      throw new Error("El parche (" + patch + " × " + patch + ") no cabe en la imagen (" +
        Math.min(height, width) + " píxeles de lado).");
    }
    if (typeof fill !== "number" || !isFinite(fill)) {
      throw new Error("«fill» debe ser un número finito; se recibió " + fill + ".");
    }
    if (score !== "logit" && score !== "probabilidad") {
      throw new Error("«score» debe ser «logit» o «probabilidad»; se recibió " + score + ".");
    }
    if (!image || image.length !== height * width) {
      throw new Error("La imagen debe tener " + height + " × " + width + " valores.");
    }
    var pick = function (output) {
      return score === "logit" ? output.logits[classIndex] : output.probabilities[classIndex];
    };
    var first = forward(network, image);
    var classes = first.probabilities.length;
    if (typeof classIndex !== "number" || Math.floor(classIndex) !== classIndex ||
        classIndex < 0 || classIndex >= classes) {
      throw new Error("«classIndex» debe ser un entero de 0 a " + (classes - 1) +
        "; se recibió " + classIndex + ".");
    }
    var before = pick(first);
    var rows = Math.floor((height - patch) / stride) + 1;
    var cols = Math.floor((width - patch) / stride) + 1;
    var map = new Float64Array(rows * cols);
    var covered = new Float32Array(image.length);
    var value = Math.fround(fill);  // el valor que queda en la imagen tapada (float32)
    for (var i = 0; i < rows; i++) {
      for (var j = 0; j < cols; j++) {
        covered.set(image);
        var changed = false;
        for (var r = i * stride; r < i * stride + patch; r++) {
          for (var c = j * stride; c < j * stride + patch; c++) {
            if (covered[r * width + c] !== value) { changed = true; }
            covered[r * width + c] = value;
          }
        }
        map[i * cols + j] = changed ? before - pick(forward(network, covered)) : 0;
      }
    }
    return { map: map, rows: rows, cols: cols, patch: patch, stride: stride, fill: fill,
             score: score, classIndex: classIndex, before: before };
  }

  return {
    FRAME: FRAME,
    BOX: BOX,
    INK_THRESHOLD: INK_THRESHOLD,
    OCCLUSION: OCCLUSION,
    inkImage: inkImage,
    resizeArea: resizeArea,
    prepareLikeMnist: prepareLikeMnist,
    loadNetwork: loadNetwork,
    forward: forward,
    occlusionMap: occlusionMap
  };
});
