import { createHash, createPublicKey, sign as cryptoSign, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';

/**
 * PAdES signing of a PDF that has a signature placeholder (official-pdf.ts), and verification.
 *
 * The CMS (RFC 5652 SignedData, detached) is built here rather than by a PKCS#7 library because
 * PAdES baseline (ETSI EN 319 142-1, `ETSI.CAdES.detached`) wants the ESS signing-certificate-v2
 * attribute among the signed attributes and no signing-time attribute (the time is the dictionary's
 * /M); node-forge's PKCS#7 writer cannot add the first. Signed attributes: content-type,
 * message-digest (SHA-256 of the signed byte ranges), signing-certificate-v2.
 *
 * The private key stays behind the `SigningKey` port: a PKCS#12 file (this module stores it
 * encrypted), or a signing service (USB token bridge, remote signing) that receives the DER of the
 * signed attributes and returns the raw signature.
 */
export interface SigningKey {
  /** Signer's certificate first, then the chain, DER. */
  certificates(): Promise<Buffer[]>;
  /** A raw signature (RSA PKCS#1 v1.5 or ECDSA DER) over `data` with SHA-256. */
  sign(data: Buffer): Promise<Buffer>;
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;
const oid = (o: string) => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
const octets = (b: Buffer) => asn1.create(U, T.OCTETSTRING, false, b.toString('binary'));
const seq = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SET, true, items);
const int = (n: number) => asn1.create(U, T.INTEGER, false, String.fromCharCode(n));
const nul = () => asn1.create(U, T.NULL, false, '');
const fromDer = (b: Buffer) => asn1.fromDer(forge.util.createBuffer(b.toString('binary')));
const toDer = (a: forge.asn1.Asn1) => Buffer.from(asn1.toDer(a).getBytes(), 'binary');
const attribute = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);

/** The DER of the attribute SET that is signed (a SET, tag 0x31, as RFC 5652 §5.4 requires). */
function signedAttributes(contentDigest: Buffer, signerCertDer: Buffer): forge.asn1.Asn1[] {
  const certHash = createHash('sha256').update(signerCertDer).digest();
  return [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(contentDigest)),
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default SHA-256.
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(certHash)])])])),
  ];
}

/** A detached CAdES signature over `content` (the PDF's signed byte ranges). */
export async function buildCadesSignature(content: Buffer, key: SigningKey): Promise<Buffer> {
  const certs = await key.certificates();
  if (certs.length === 0) throw new Error('the signing key has no certificate');
  const signerCert = certs[0];
  const certAsn = fromDer(signerCert);
  // TBSCertificate: [0] version, serialNumber, signature, issuer, ...
  const tbs = (certAsn.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  const offset = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = tbs[offset];
  const issuer = tbs[offset + 2];
  const attrs = signedAttributes(createHash('sha256').update(content).digest(), signerCert);
  const signature = await key.sign(toDer(set(attrs)));
  const isEc = new X509Certificate(signerCert).publicKey.asymmetricKeyType === 'ec';
  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    seq([oid(OID.sha256), nul()]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attrs),
    isEc ? seq([oid(OID.ecdsaWithSha256)]) : seq([oid(OID.rsaEncryption), nul()]),
    octets(signature),
  ]);
  const signedData = seq([
    int(1),
    set([seq([oid(OID.sha256), nul()])]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certs.map(fromDer)),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

class CadesSigner extends Signer {
  constructor(private readonly key: SigningKey) {
    super();
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return buildCadesSignature(pdfBuffer, this.key);
  }
}

/** Fills the placeholder of `pdf` with a CAdES signature by `key`. */
export async function signPdf(pdf: Buffer, key: SigningKey): Promise<Buffer> {
  return new SignPdf().sign(pdf, new CadesSigner(key));
}

/** A key read from a PKCS#12 file (openssl's; forge reads PBE-SHA1-3DES and PBES2/AES with a SHA-1 or SHA-256 MAC). */
export class Pkcs12SigningKey implements SigningKey {
  private readonly keyPem: string;
  private readonly chain: Buffer[];

  constructor(p12: Buffer, passphrase: string) {
    const parsed = readPkcs12(p12, passphrase);
    this.keyPem = parsed.keyPem;
    this.chain = parsed.certificates;
  }

  async certificates(): Promise<Buffer[]> {
    return this.chain;
  }

  async sign(data: Buffer): Promise<Buffer> {
    return cryptoSign('sha256', data, this.keyPem);
  }
}

/** The private key (PEM) and the certificates of a PKCS#12 file, the one matching the key first. */
export function readPkcs12(p12: Buffer, passphrase: string): { keyPem: string; certificates: Buffer[] } {
  const pfx = forge.pkcs12.pkcs12FromAsn1(fromDer(p12), false, passphrase);
  const keyBag = [...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []), ...(pfx.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? [])][0];
  if (!keyBag?.key) throw new Error('the PKCS#12 file holds no private key');
  const keyPem = forge.pki.privateKeyToPem(keyBag.key);
  const certs = (pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).filter((b) => b.cert).map((b) => Buffer.from(asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), 'binary'));
  const publicDer = createPublicKey(keyPem).export({ type: 'spki', format: 'der' });
  const own = certs.findIndex((c) => new X509Certificate(c).publicKey.export({ type: 'spki', format: 'der' }).equals(publicDer));
  if (own < 0) throw new Error('no certificate in the PKCS#12 file matches its private key');
  return { keyPem, certificates: [certs[own], ...certs.filter((_, i) => i !== own)] };
}

/**
 * A key held by a signing service (a USB-token bridge on the signer's machine, or a remote signing
 * provider): POST `{ keyId, data }` (base64 DER of the signed attributes) to `url`, answer
 * `{ signature }` (base64). The certificate chain is registered with the credential.
 */
export class SigningServiceKey implements SigningKey {
  constructor(
    private readonly url: string,
    private readonly keyId: string,
    private readonly chain: Buffer[],
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async certificates(): Promise<Buffer[]> {
    return this.chain;
  }

  async sign(data: Buffer): Promise<Buffer> {
    const res = await this.fetchImpl(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keyId: this.keyId, algorithm: 'SHA256', data: data.toString('base64') }), signal: AbortSignal.timeout(30000) });
    if (!res.ok) throw new Error(`signing service answered ${res.status}`);
    const body = (await res.json()) as { signature?: string };
    if (typeof body.signature !== 'string') throw new Error('signing service gave no signature');
    return Buffer.from(body.signature, 'base64');
  }
}

export interface PdfSignatureCheck {
  /** A signature dictionary with a byte range was found. */
  isSigned: boolean;
  /** The byte range covers the whole file (nothing appended after signing). */
  coversWholeFile: boolean;
  /** The CMS digest matches the signed bytes and the signature verifies with the embedded certificate. */
  isCryptographicallyValid: boolean;
  /** SHA-256 of the signed byte ranges, hex. */
  signedBytesSha256: string | null;
  signerSubject: string | null;
  signerSerial: string | null;
  problem: string | null;
}

/** Reads the last signature of a PDF and checks it; never throws on a malformed file. */
export function checkPdfSignature(pdf: Buffer): PdfSignatureCheck {
  const none: PdfSignatureCheck = { isSigned: false, coversWholeFile: false, isCryptographicallyValid: false, signedBytesSha256: null, signerSubject: null, signerSerial: null, problem: null };
  const text = pdf.toString('latin1');
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (matches.length === 0) return { ...none, problem: 'no_signature' };
  const [a, b, c, d] = matches[matches.length - 1].slice(1, 5).map(Number);
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return { ...none, isSigned: true, problem: 'bad_byte_range' };
  const signed = Buffer.concat([pdf.subarray(a, b), pdf.subarray(c, c + d)]);
  const signedBytesSha256 = createHash('sha256').update(signed).digest('hex');
  const coversWholeFile = c + d === pdf.length || pdf.subarray(c + d).toString('latin1').trim() === '';
  const hex = pdf.subarray(b + 1, c - 1).toString('latin1').replace(/(00)+$/, '');
  const base = { ...none, isSigned: true, coversWholeFile, signedBytesSha256 };
  try {
    const cms = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
    const root = fromDer(cms).value as forge.asn1.Asn1[];
    const sd = ((root[1].value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[]);
    const certsNode = sd.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    const signerInfos = sd[sd.length - 1].value as forge.asn1.Asn1[];
    const si = signerInfos[0].value as forge.asn1.Asn1[];
    const attrsNode = si.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    if (!attrsNode || !certsNode) return { ...base, problem: 'no_signed_attributes' };
    const attrs = attrsNode.value as forge.asn1.Asn1[];
    const digestAttr = attrs.find((at) => asn1.derToOid((at.value as forge.asn1.Asn1[])[0].value as string) === OID.messageDigest);
    const digest = digestAttr ? Buffer.from((((digestAttr.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0].value as string), 'binary') : null;
    const signatureValue = Buffer.from(si[si.length - 1].value as string, 'binary');
    const sid = si[1].value as forge.asn1.Asn1[];
    const serialHex = Buffer.from(sid[1].value as string, 'binary').toString('hex');
    const certs = (certsNode.value as forge.asn1.Asn1[]).map((n) => new X509Certificate(toDer(n)));
    const cert = certs.find((x) => BigInt(`0x${x.serialNumber}`) === BigInt(`0x${serialHex}`)) ?? certs[0];
    const withSubject = { ...base, signerSubject: cert.subject.replace(/\n/g, ', '), signerSerial: cert.serialNumber };
    if (!digest || !digest.equals(createHash('sha256').update(signed).digest())) return { ...withSubject, problem: 'digest_mismatch' };
    const attrsDer = toDer(set(attrs));
    const isValid = cryptoVerify('sha256', attrsDer, cert.publicKey, signatureValue);
    return { ...withSubject, isCryptographicallyValid: isValid, problem: isValid ? (coversWholeFile ? null : 'changed_after_signing') : 'bad_signature' };
  } catch {
    return { ...base, problem: 'unreadable_signature' };
  }
}

/** Subject, issuer, serial and validity of a DER certificate, for the credential record. */
export function describeCertificate(der: Buffer): { subject: string; issuer: string; serial: string; validFrom: Date; validTo: Date; commonName: string } {
  const x = new X509Certificate(der);
  const cn = /CN=([^\n,]+)/.exec(x.subject)?.[1] ?? x.subject;
  return { subject: x.subject.replace(/\n/g, ', '), issuer: x.issuer.replace(/\n/g, ', '), serial: x.serialNumber, validFrom: new Date(x.validFrom), validTo: new Date(x.validTo), commonName: cn };
}
