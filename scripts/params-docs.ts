/** Rewrites README.md's reference tables from the declarations (`npm run docs:params`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { withParamTables } from '../src/notebook/paramsDoc';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withParamTables(before);
if (after === before) console.log('README.md reference tables are current');
else {
  writeFileSync(path, after);
  console.log('README.md reference tables rewritten from the declarations');
}
