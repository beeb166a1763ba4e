// Ejecuta red.js en Node para las pruebas (tests/test_dibuja.py).
//   node run_red.js forward PESOS ENTRADA.f32 SALIDA.f32   imágenes 28 × 28 (float32) → probabilidades
//   node run_red.js prepare ENTRADA.json SALIDA.json       [{height, width, pixels}] → [28 × 28]
"use strict";
const fs = require("fs");
const path = require("path");
const red = require(path.join(__dirname, "..", "..", "_extra", "dibuja", "red.js"));

const [mode, ...args] = process.argv.slice(2);
if (mode === "forward") {
  const [weightsFile, inputFile, outputFile] = args;
  const network = red.loadNetwork(require(path.resolve(weightsFile)));
  const bytes = fs.readFileSync(inputFile);
  const images = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const size = 28 * 28;
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
} else {
  console.error("uso: node run_red.js forward|prepare ...");
  process.exit(2);
}
