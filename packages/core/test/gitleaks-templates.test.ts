import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { ID, SECRET, TOKEN } from './helpers.js';

/**
 * gitleaks' context templates (cmd/generate/config/utils/generate.go, GenerateSampleSecrets: the
 * 26 active INI/JSON/XML/YAML/C#/Go/Java/Kotlin/PHP/Python/CSV/logstash/Makefile forms; the
 * research notes say to run every positive through them). `{i}` is an identifier prefix, `{s}`
 * the value. Re-typed here; every generated credential must be found, at its exact offsets.
 */
const TEMPLATES: [string, string][] = [
  ['ini - quoted1', '{i}Token="{s}"'],
  ['ini - quoted2', '{i}Token = "{s}"'],
  ['ini - unquoted1', '{i}Token={s}'],
  ['ini - unquoted2', '{i}Token = {s}'],
  ['json - string', '{\n    "{i}_token": "{s}"\n}'],
  ['json - escaped string', '\\{\n    \\"{i}_token\\": \\"{s}\\"\n\\}'],
  ['xml - element', '<{i}Token>{s}</{i}Token>'],
  ['xml - element multiline', '<{i}Token>\n    {s}\n</{i}Token>'],
  ['yaml - singleline - unquoted', '{i}_token: {s}'],
  ['yaml - singleline - single quote', "{i}_token: '{s}'"],
  ['yaml - singleline - double quote', '{i}_token: "{s}"'],
  ['yaml - multiline - literal', '{i}_token: |\n  {s}'],
  ['yaml - multiline - folding', '{i}_token: >\n  {s}'],
  ['C#', 'string {i}Token = "{s}";'],
  ['go - normal', 'var {i}Token string = "{s}"'],
  ['go - short', '{i}Token := "{s}"'],
  ['go - backticks', '{i}Token := `{s}`'],
  ['java', 'String {i}Token = "{s}";'],
  ['kotlin - notype', 'var {i}Token = "{s}"'],
  ['php - string concat', '${i}Token .= "{s}"'],
  ['python - single quote', "{i}Token = '{s}'"],
  ['python - double quote', '{i}Token = "{s}"'],
  ['csv - unquoted', '{i}Token,{s},'],
  ['logstash', '  "{i}Token" => "{s}"'],
  ['make - recursive assignment', '{i}_TOKEN = "{s}"'],
  ['make - simple assignment', '{i}_TOKEN := "{s}"'],
  ['make - shell assignment', '{i}_TOKEN ::= "{s}"'],
  ['make - evaluated shell assignment', '{i}_TOKEN :::= "{s}"'],
  ['make - conditional assignment', '{i}_TOKEN ?= "{s}"'],
  ['make - append', '{i}_TOKEN += "{s}"'],
];

function expectOnly(text: string, kind: string, value: string): void {
  const r = analyze(text);
  expect(r.findings.map((f) => `${f.kind}:${text.slice(f.start, f.end)}`)).toEqual([`${kind}:${value}`]);
}

describe("gitleaks' context templates", () => {
  it.each(TEMPLATES)('key id: %s', (_name, template) => {
    expectOnly(template.replaceAll('{i}', 'aws').replaceAll('{s}', ID), 'access-key-id', ID);
  });
  // `{i}` = `awsSecretAccessKey` makes names like `awsSecretAccessKeyToken`, `awsSecretAccessKey_TOKEN`.
  it.each(TEMPLATES)('secret under a strong name: %s', (_name, template) => {
    expectOnly(template.replaceAll('{i}', 'awsSecretAccessKey').replaceAll('{s}', SECRET), 'secret-access-key', SECRET);
  });
  it.each(TEMPLATES)('session token under a strong name: %s', (_name, template) => {
    expectOnly(template.replaceAll('{i}', 'awsSession').replaceAll('{s}', TOKEN), 'session-token', TOKEN);
  });
});
