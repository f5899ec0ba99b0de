/**
 * The official SARIF 2.1.0 schema (rtm.5 = the OASIS standard's final draft), as shipped by Microsoft's
 * sarif-js-sdk (@microsoft/jest-sarif): a JSON Schema draft-04 validator shared by the SARIF tests.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

// Both are CommonJS with `exports.default`; under NodeNext the default import is the module object.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

export function sarifValidator(): ((log: unknown) => boolean) & { errors?: unknown } {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  // The schema's language pattern is not valid with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
