import { describe, expect, it } from 'vitest';
import { classifyAddress, classifyHost } from './address-policy.ts';

/** What `new URL(...).hostname` makes of a host: the form the policy sees. */
const hostOf = (url: string) => new URL(url).hostname;

describe('classifyHost', () => {
  it('finds loopback however it is written', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://127.1.2.3/',
      'http://2130706433/', // decimal
      'http://0x7f.0.0.1/', // hex
      'http://017700000001/', // octal
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost/',
      'http://a.b.localhost./',
    ]) {
      expect(classifyHost(hostOf(url)), url).toBe('loopback');
    }
  });

  it('refuses private, link-local, shared, multicast and reserved ranges, and local names', () => {
    for (const url of [
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://172.31.255.255/',
      'http://192.168.1.1/',
      'http://169.254.169.254/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://[::]/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://[ff02::1]/',
      'http://[::ffff:10.0.0.1]/',
      'http://[64:ff9b::a9fe:a9fe]/', // NAT64 of 169.254.169.254
      'http://[2002:c0a8:101::1]/', // 6to4 of 192.168.1.1
      'http://intranet/',
      'http://printer.local/',
      'http://db.internal/',
    ]) {
      expect(classifyHost(hostOf(url)), url).toBe('private');
    }
  });

  it('lets public addresses through and leaves names to DNS', () => {
    expect(classifyHost(hostOf('http://8.8.8.8/'))).toBe('public');
    expect(classifyHost(hostOf('http://172.32.0.1/'))).toBe('public');
    expect(classifyHost(hostOf('http://[2606:4700::1111]/'))).toBe('public');
    expect(classifyHost(hostOf('https://images.example.com/cat.jpg'))).toBe('name');
  });
});

describe('classifyAddress (DNS answers)', () => {
  it('classifies resolved addresses', () => {
    expect(classifyAddress('93.184.216.34')).toBe('public');
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('10.0.0.7')).toBe('private');
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('2606:4700:4700::1111')).toBe('public');
    expect(classifyAddress('not an address')).toBe('private');
  });
});
