// Validates an AsyncAPI document with the AsyncAPI Initiative's own parser (@asyncapi/parser, what the
// AsyncAPI CLI and generator run first), as client authors will: exits 1 on any error or warning.
//
//   node validate-asyncapi.mjs FILE
import fs from 'node:fs';
import { Parser } from '@asyncapi/parser';

const file = process.argv[2];
if (!file) {
    console.error('usage: node validate-asyncapi.mjs FILE');
    process.exit(2);
}
const { document, diagnostics } = await new Parser().parse(fs.readFileSync(file, 'utf8'));
const names = ['error', 'warning', 'information', 'hint'];
for (const d of diagnostics) {
    console.log(`${names[d.severity]}: ${d.code}: ${d.message} at /${d.path.join('/')}`);
}
// Severity 0 is an error, 1 a warning; 2 (information) and 3 (hint) are printed only.
const failing = diagnostics.filter(d => d.severity <= 1).length;
if (!document || failing > 0) {
    console.log(`${file}: not valid (${failing} errors and warnings)`);
    process.exit(1);
}
console.log(`${file}: valid AsyncAPI ${document.version()}`);
