// Ejecuta red.js en Node para las pruebas (tests/test_dibuja.py).
//   node run_red.js forward PESOS ENTRADA.f32 SALIDA.f32   imágenes 28 × 28 (float32) → probabilidades
//   node run_red.js prepare ENTRADA.json SALIDA.json       [{height, width, pixels}] → [28 × 28]
//   node run_red.js occlusion PESOS ENTRADA.f32 SALIDA.json imágenes 28 × 28 (float32) → mapas de
//       oclusión (los de la página, red.OCCLUSION) del logit de la clase que elige la red
"use strict";
const fs = require("fs");
const path = require("path");
const red = require(path.join(__dirname, "..", "..", "_extra", "dibuja", "red.js"));

function readImages(inputFile) {
  const bytes = fs.readFileSync(inputFile);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

function argmax(values) {
  let best = 0;
  for (let k = 1; k < values.length; k++) { if (values[k] > values[best]) { best = k; } }
  return best;
}

const [mode, ...args] = process.argv.slice(2);
const size = 28 * 28;
if (mode === "forward") {
  const [weightsFile, inputFile, outputFile] = args;
  const network = red.loadNetwork(require(path.resolve(weightsFile)));
  const images = readImages(inputFile);
  const count = images.length / size;
  const out = new Float32Array(count * 10);
  const start = process.hrtime.bigint();
  for (let n = 0; n < count; n++) {
    const result = red.forward(network, images.subarray(n * size, (n + 1) * size));
    out.set(result.probabilities, n * 10);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  fs.writeFileSync(outputFile, Buffer.from(out.buffer));
  console.log(JSON.stringify({ count, seconds }));
} else if (mode === "prepare") {
  const [inputFile, outputFile] = args;
  const items = JSON.parse(fs.readFileSync(inputFile, "utf8"));
  const out = items.map((item) => {
    const frame = red.prepareLikeMnist(Float64Array.from(item.pixels), item.height, item.width);
    return frame === null ? null : Array.from(frame);
  });
  fs.writeFileSync(outputFile, JSON.stringify(out));
} else if (mode === "occlusion") {
  const [weightsFile, inputFile, outputFile] = args;
  const network = red.loadNetwork(require(path.resolve(weightsFile)));
  const images = readImages(inputFile);
  const count = images.length / size;
  const maps = [];
  const start = process.hrtime.bigint();
  for (let n = 0; n < count; n++) {
    const image = images.subarray(n * size, (n + 1) * size);
    const result = red.occlusionMap(network, image, argmax(red.forward(network, image).probabilities));
    maps.push({ classIndex: result.classIndex, before: result.before, rows: result.rows,
                cols: result.cols, map: Array.from(result.map) });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  fs.writeFileSync(outputFile, JSON.stringify({ options: red.OCCLUSION, count, seconds, maps }));
} else {
  console.error("uso: node run_red.js forward|prepare|occlusion ...");
  process.exit(2);
}
