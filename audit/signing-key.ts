// The Ed25519 checkpoint key: generated once with mode 0600, refused when others can read it, public half exportable.
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, type KeyObject } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { OtqError } from '../core/errors.ts';

/** Name of the key inside signed checkpoint notes. */
export const KEY_NAME = 'otq-audit';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SubjectPublicKeyInfo PEM, what `otq audit pubkey` prints and verifiers take. */
  publicKeyPem: string;
  /** 4-byte key id of the signed-note format (hex), printed next to checkpoints. */
  keyId: string;
  /** True when this call created the key file. */
  created: boolean;
}

/**
 * Loads the key from `path`, or creates it (mode 0600, exclusive create) when absent. Refuses a key
 * file that group or others may read or write, because anyone who can read it can forge checkpoints.
 */
export async function loadOrCreateSigningKey(path: string): Promise<SigningKey> {
  let created = false;
  try {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(pem);
      await handle.sync();
    } finally {
      await handle.close();
    }
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new OtqError('AUDIT_FAILED', `cannot create the audit signing key ${path}: ${(error as Error).message}`, { cause: error });
    }
  }
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    throw new OtqError(
      'AUDIT_FAILED',
      `audit signing key ${path} has mode ${mode}: group/others can access it, so checkpoints could be forged. Run: chmod 600 ${path}`,
      {
        details: { path, mode },
      },
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(await readFile(path, 'utf8'));
  } catch (error) {
    throw new OtqError('AUDIT_FAILED', `audit signing key ${path} is not a PEM private key: ${(error as Error).message}`, { cause: error });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new OtqError(
      'AUDIT_FAILED',
      `audit signing key ${path} is a ${String(privateKey.asymmetricKeyType)} key; an Ed25519 key is required`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }) as string,
    keyId: keyIdOf(publicKey),
    created,
  };
}

/** Reads an Ed25519 public key (SPKI PEM) for verification. */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new OtqError('USAGE', `not a PEM public key: ${(error as Error).message}`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new OtqError('USAGE', `public key is ${String(key.asymmetricKeyType)}, expected Ed25519`);
  return key;
}

/** The 32 raw public key bytes. */
export function rawPublicKey(key: KeyObject): Buffer {
  return (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32);
}

/** Signed-note key id: first 4 bytes of SHA-256(name || "\n" || 0x01 || raw public key), hex. */
export function keyIdOf(publicKey: KeyObject): string {
  const material = Buffer.concat([Buffer.from(`${KEY_NAME}\n`), Buffer.from([0x01]), rawPublicKey(publicKey)]);
  return hash('sha256', material, 'buffer').subarray(0, 4).toString('hex');
}
