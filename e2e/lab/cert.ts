import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KeyPair {
  key: Buffer;
  cert: Buffer;
}

/**
 * A self-signed certificate for the lab's hostnames, made with openssl into `dir` (gitignored).
 * Reused while it covers the same names; browsers are told to accept it anyway.
 */
export function labCertificate(dir: string, hostnames: readonly string[]): KeyPair {
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const namesPath = join(dir, 'names.txt');
  const names = [...hostnames].sort().join('\n');
  const fresh =
    existsSync(keyPath) &&
    existsSync(certPath) &&
    existsSync(namesPath) &&
    readFileSync(namesPath, 'utf8') === names;
  if (!fresh) {
    const san = hostnames.map((h) => `DNS:${h}`).join(',');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '30',
        '-subj',
        '/CN=Faultline lab',
        '-addext',
        `subjectAltName=${san}`,
      ],
      { stdio: 'ignore' },
    );
    writeFileSync(namesPath, names);
  }
  return { key: readFileSync(keyPath), cert: readFileSync(certPath) };
}
