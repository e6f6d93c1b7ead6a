import { isPublicAddress, resolveSafeTarget, SsrfRefusedError } from './ssrf-guard';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.1.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.216.34', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('accepts %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('resolveSafeTarget', () => {
  it('refuses loopback, IPv6 literals included, unless private networks are allowed', async () => {
    await expect(resolveSafeTarget('http://127.0.0.1:8080/hook', false)).rejects.toBeInstanceOf(
      SsrfRefusedError,
    );
    await expect(resolveSafeTarget('http://[::1]/hook', false)).rejects.toBeInstanceOf(SsrfRefusedError);
    await expect(resolveSafeTarget('http://localhost/hook', false)).rejects.toBeInstanceOf(SsrfRefusedError);
    await expect(resolveSafeTarget('http://127.0.0.1:8080/hook', true)).resolves.toMatchObject({
      address: '127.0.0.1',
      family: 4,
    });
  });

  it('refuses other schemes and embedded credentials', async () => {
    await expect(resolveSafeTarget('ftp://8.8.8.8/x', true)).rejects.toThrow('http or https');
    await expect(resolveSafeTarget('http://user:pw@8.8.8.8/x', true)).rejects.toThrow('credentials');
    await expect(resolveSafeTarget('not a url', true)).rejects.toThrow('absolute');
  });

  it('accepts a public address literal', async () => {
    await expect(resolveSafeTarget('https://8.8.8.8/hook', false)).resolves.toMatchObject({
      address: '8.8.8.8',
    });
  });
});
