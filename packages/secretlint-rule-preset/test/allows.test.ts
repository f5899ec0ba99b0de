// `allows` must mean exactly what it means in secretlint's other rules, which use
// @textlint/regexp-string-matcher; ours is a small reimplementation, checked against it.
import { matchPatterns } from '@textlint/regexp-string-matcher';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@credlint/core/testing';
import { describe, expect, it } from 'vitest';
import { compileAllowPattern, isAllowed } from '../src/allows.js';

const id = fakeAccessKeyId({ seed: 7 });
const secret = fakeSecretAccessKey(8);

const patterns = [
  id, // literal, whole value
  id.slice(0, 8), // literal, prefix
  id.slice(6, 12), // literal, middle
  `/^${id.slice(0, 6)}/`,
  `/${id.slice(-3)}$/`,
  `/^${id.slice(0, 6).toLowerCase()}/i`,
  `/^${id.slice(0, 6).toLowerCase()}/`, // case matters without i
  'AKIA.*', // a literal: the dot and star are not special
  '/AKIA.*/',
  '/a+b/', // regex
  'a+b', // literal with a special character
  '/x/gimsuy',
  '/not/closed',
  '//', // not a regex (empty source): literal "//"
  '/[/]/', // a slash inside a class
  secret.slice(0, 10),
  `/${secret.slice(0, 4).replace(/[+/]/g, '\\$&')}.{36}/`,
  '-', // escaped as \x2d by both
  'AKIA-',
];
const values = [id, secret, 'AKIA.*FAKE', 'xx//yy', 'a+b', 'aab', 'AKIA-1'];

describe('allows patterns match like @textlint/regexp-string-matcher', () => {
  for (const pattern of patterns) {
    it(`${pattern}`, () => {
      const ours = values.map((v) => isAllowed(v, [compileAllowPattern(pattern)]));
      const theirs = values.map((v) => matchPatterns(v, [pattern]).length > 0);
      expect(ours).toEqual(theirs);
    });
  }

  it('reports an empty pattern and an invalid regular expression by name', () => {
    expect(() => compileAllowPattern('')).toThrow(/non-empty strings/);
    expect(() => compileAllowPattern('/(unclosed/')).toThrow(/\/\(unclosed\/ is not a valid regular expression/);
    expect(() => compileAllowPattern(42 as unknown as string)).toThrow(/non-empty strings/);
  });

  it('can be reused: a global regexp keeps no state between values', () => {
    const re = compileAllowPattern(`/${id.slice(0, 6)}/`);
    expect([isAllowed(id, [re]), isAllowed(id, [re]), isAllowed(id, [re])]).toEqual([true, true, true]);
  });
});
