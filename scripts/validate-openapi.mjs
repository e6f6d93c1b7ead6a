// Checks an OpenAPI document with a standard validator (@apidevtools/swagger-parser): the schema of OpenAPI 3.0 and
// every $ref resolved. Usage: node scripts/validate-openapi.mjs <file or http(s) URL of openapi.json>
import SwaggerParser from '@apidevtools/swagger-parser';
import { readFile } from 'node:fs/promises';

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/validate-openapi.mjs <openapi.json file or URL>');
  process.exit(2);
}
const text = /^https?:\/\//.test(source)
  ? await (await fetch(source)).text()
  : await readFile(source === '-' ? 0 : source, 'utf8');
try {
  const api = await SwaggerParser.validate(JSON.parse(text));
  console.log(`valid: ${api.info.title} ${api.info.version}, ${Object.keys(api.paths).length} paths`);
} catch (error) {
  console.error(`invalid: ${error.message}`);
  process.exit(1);
}
