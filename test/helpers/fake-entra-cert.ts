// Certificates for the fake Entra ID: the HTTPS server's own (self-signed, so clients must be told
// to trust it) and client certificates an app registration authenticates with.
import { createHash, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface ClientCertificate {
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
  /** Certificate then key, in one PEM, as AZURE_CLIENT_CERTIFICATE_PATH files hold them. */
  pemWithKey: string;
  /** Hex SHA-256 of the DER certificate: msal-node's `clientCertificate.thumbprintSha256`. */
  thumbprintSha256: string;
  /** Hex SHA-1, for the older `x5t` header. */
  thumbprint: string;
}

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
}

const DAY_MS = 86_400_000;

/** A TLS certificate for 127.0.0.1 and localhost, valid from yesterday for a week. */
export async function makeServerCertificate(): Promise<ServerCertificate> {
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 8 * DAY_MS),
    extensions: [
      // Self-signed and trusted directly (NODE_EXTRA_CA_CERTS / `ca`): a leaf, not a CA.
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}

/** A certificate an app registration can authenticate with (client assertion, RFC 7523). */
export async function makeClientCertificate(commonName = 'fake-entra-client'): Promise<ClientCertificate> {
  const pems = await generate([{ name: 'commonName', value: commonName }], { keySize: 2048, algorithm: 'sha256' });
  const certPem = pems.cert.trim() + '\n';
  const keyPem = pems.private.trim() + '\n';
  const { sha1, sha256 } = thumbprints(certPem);
  return { certPem, keyPem, pemWithKey: certPem + keyPem, thumbprintSha256: sha256, thumbprint: sha1 };
}

/** Hex thumbprints of a PEM certificate's DER encoding. */
export function thumbprints(certPem: string): { sha1: string; sha256: string } {
  const der = new X509Certificate(certPem).raw;
  return {
    sha1: createHash('sha1').update(der).digest('hex'),
    sha256: createHash('sha256').update(der).digest('hex'),
  };
}
