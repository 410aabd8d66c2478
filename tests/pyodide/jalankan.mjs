// Runs Python code inside Pyodide (the WebAssembly Python of xlwings Lite) under Node, offline.
//
// stdin: JSON {"files": {"lakip_xl/errors.py": "<source>", ...}, "code": "<python>"}
// The files are written under /lakip in Pyodide's in-memory file system, /lakip goes first on sys.path,
// then `code` runs; it must leave a string in the global HASIL, which is printed on stdout.
// Only Pyodide's core runtime and standard library are loaded (no package is downloaded).
//
// Used by tests/test_lite_pyodide.py; `npm ci` in this folder installs the pinned pyodide package.
import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";

const masukan = JSON.parse(readFileSync(0, "utf8"));
const py = await loadPyodide();
for (const [jalur, isi] of Object.entries(masukan.files)) {
  const penuh = "/lakip/" + jalur;
  py.FS.mkdirTree(penuh.slice(0, penuh.lastIndexOf("/")));
  py.FS.writeFile(penuh, isi, { encoding: "utf8" });
}
py.runPython("import sys; sys.path.insert(0, '/lakip')");
py.runPython(masukan.code);
process.stdout.write(py.globals.get("HASIL"));
