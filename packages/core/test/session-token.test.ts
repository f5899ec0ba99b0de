import { describe, expect, it } from 'vitest';
import { inspectSessionToken, scan, tokenNameStrength } from '../src/index.js';
import { SESSION_TOKEN_PREFIXES } from '../src/internals.js';
import { fakeBase64Blob, fakeSessionToken } from '../src/testing.js';
import { found, ID, only, TOKEN } from './helpers.js';

describe('session tokens: known STS prefixes, with or without a name', () => {
  it.each(SESSION_TOKEN_PREFIXES)('prefix %s', (prefix) => {
    const token = fakeSessionToken(7, prefix, 400);
    expect(found(token)).toEqual([`session-token:${token}`]);
    expect(found(`{"SessionToken":"${token}"}`)).toEqual([`session-token:${token}`]);
    expect(only(token, 'session-token')[0]?.evidence).toContain('known STS session-token prefix');
  });

  it('with = padding, the padding is part of the value', () => {
    const token = `${fakeSessionToken(8, 'FwoGZXIvYXdz', 301)}==`;
    expect(found(`AWS_SESSION_TOKEN=${token}\n`)).toEqual([`session-token:${token}`]);
  });

  it('percent-encoded in a presigned URL (X-Amz-Security-Token)', () => {
    const token = fakeSessionToken(9);
    const encoded = encodeURIComponent(token);
    const url = `https://b.s3.amazonaws.com/k?X-Amz-Credential=${ID}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=${encoded}&X-Amz-Signature=abc123`;
    expect(found(url)).toEqual([`access-key-id:${ID}`, `session-token:${encoded}`]);
  });

  it('a prefix inside a longer base64 run is not a token start', () => {
    expect(only(`${fakeBase64Blob(30, 1)}${TOKEN}`, 'session-token')).toEqual([]);
  });

  it('a short prefixed value is not a token', () => {
    expect(found(`IQoJb3JpZ2luX2Vj${'Ab3d'.repeat(10)}`)).toEqual([]);
  });
});

describe('session tokens: token-ish names with long base64 values', () => {
  const token = fakeBase64Blob(270, 11).replace(/=+$/, '');
  const names = ['aws_session_token', 'AWS_SESSION_TOKEN', 'awsSessionToken', 'AWS_SECURITY_TOKEN', 'X-Amz-Security-Token', 'x-amz-security-token', 'aws-session-token'];
  it.each(names)('%s', (name) => {
    expect(found(`${name}: ${token}`)).toEqual([`session-token:${token}`]);
  });

  it.each(['sessionToken', 'SessionToken', 'session_token'])('a weak name (%s: apps have their own session tokens) needs AWS context', (name) => {
    expect(found(`${name} = ${token}`)).toEqual([]);
    expect(found(`// @aws-sdk/client-sts\n${name} = ${token}`)).toEqual([`session-token:${token}`]);
  });

  it('an STS prefix under a weak name needs nothing else', () => {
    expect(found(`{"SessionToken": "${TOKEN}"}`)).toEqual([`session-token:${TOKEN}`]);
  });

  it('weak name strength', () => {
    expect(found(`session_token = ${token}`)).toEqual([]);
    expect(tokenNameStrength('session_token')).toBe('weak');
    expect(found(`# aws\nsession_token = ${token}`)).toEqual([`session-token:${token}`]);
  });

  it('a generic token name is not an AWS token', () => {
    expect(found(`github_token: ${token}`)).toEqual([]);
    expect(found(`token: ${token}`)).toEqual([]);
  });

  it('a short value under a token name is not a token', () => {
    expect(found(`AWS_SESSION_TOKEN=${fakeBase64Blob(30, 2)}`)).toEqual([]);
  });

  it('a JWT under a session-token name is a bearer credential (issue 13 item 4; was ignored before)', () => {
    const jwt = `eyJhbGciOiJIUzI1NiJ9.${fakeBase64Blob(120, 3).replace(/[+/=]/g, 'x')}.${fakeBase64Blob(32, 4).replace(/[+/=]/g, 'y')}`;
    expect(found(`aws_session_token = ${jwt}`)).toEqual([`session-token:${jwt}`]);
    // under a generic token name it is some other service's token
    expect(found(`id_token = ${jwt}`)).toEqual([]);
  });

  it('env and secret-manager reads are not tokens', () => {
    expect(scan('token = process.env.AWS_SESSION_TOKEN')).toEqual([]);
    expect(scan('AWS_SESSION_TOKEN: ${{ secrets.AWS_SESSION_TOKEN }}')).toEqual([]);
  });
});

describe('session tokens: an STS-encoded value next to a key id', () => {
  it('an unprefixed run containing base64 "aws" next to a key id', () => {
    const value = `${fakeBase64Blob(60, 5).replace(/=+$/, '')}YXdz${fakeBase64Blob(120, 6).replace(/=+$/, '')}`;
    const text = `${ID}\n${value}`;
    expect(found(text)).toEqual([`access-key-id:${ID}`, `session-token:${value}`]);
  });
});

describe('inspectSessionToken', () => {
  it.each([
    ['a good token', TOKEN, []],
    ['too short', TOKEN.slice(0, 50), ['length']],
    ['placeholder', '<session-token>', ['placeholder']],
    ['bad alphabet', `${TOKEN}!`, ['alphabet']],
  ] as [string, string, string[]][])('%s', (_n, value, problems) => {
    expect(inspectSessionToken(value).problems).toEqual(problems);
  });
});
