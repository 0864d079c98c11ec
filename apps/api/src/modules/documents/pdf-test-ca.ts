import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * For tests: a throw-away CA and a signer certificate made with openssl, exported as PKCS#12 with the
 * legacy algorithms every reader accepts (`-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1`)
 * or with openssl 3's defaults (PBES2/AES-256, SHA-256 MAC). Not used by the product.
 */
export interface TestCa {
  dir: string;
  caPem: string;
  p12Legacy: Buffer;
  p12Default: Buffer;
  passphrase: string;
}

export function makeTestCa(commonName = 'Trần Văn Đông'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-ca-'));
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=ThiDua Test CA/O=Test', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.csr', '-utf8', '-subj', `/CN=${commonName}/O=LĐLĐ tỉnh Ninh Thuận`]);
  writeFileSync(join(dir, 'ext.cnf'), 'keyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=emailProtection\n');
  run(['x509', '-req', '-in', 'signer.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'signer.pem', '-days', '30', '-extfile', 'ext.cnf']);
  const passphrase = 'mat-khau-thu';
  run(['pkcs12', '-export', '-inkey', 'signer.key', '-in', 'signer.pem', '-certfile', 'ca.pem', '-out', 'legacy.p12', '-passout', `pass:${passphrase}`, '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']);
  run(['pkcs12', '-export', '-inkey', 'signer.key', '-in', 'signer.pem', '-certfile', 'ca.pem', '-out', 'default.p12', '-passout', `pass:${passphrase}`]);
  return { dir, caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'), p12Legacy: readFileSync(join(dir, 'legacy.p12')), p12Default: readFileSync(join(dir, 'default.p12')), passphrase };
}

export function hasPdfsig(): boolean {
  return spawnSync('pdfsig', ['-v'], { stdio: 'ignore' }).status === 0;
}

/** `pdfsig` on a file, the test CA trusted through a fresh NSS database. Returns its report. */
export function pdfsig(pdf: Buffer, ca: TestCa): string {
  const file = join(ca.dir, `doc-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  const nss = join(ca.dir, 'nss');
  if (spawnSync('certutil', ['-d', `sql:${nss}`, '-L'], { stdio: 'ignore' }).status !== 0 && spawnSync('which', ['certutil']).status === 0) {
    execFileSync('mkdir', ['-p', nss]);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'thidua-test-ca', '-t', 'CT,C,C', '-i', join(ca.dir, 'ca.pem')]);
  }
  const args = spawnSync('which', ['certutil']).status === 0 ? ['-nssdir', `sql:${nss}`, file] : [file];
  const res = spawnSync('pdfsig', args, { encoding: 'utf8' });
  return `${res.stdout}\n${res.stderr}`;
}
