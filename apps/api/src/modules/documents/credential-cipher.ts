/** The sealing of stored secrets moved to common/security (webhook secrets use it too). */
export { decryptSecret, encryptSecret } from '../../common/security/secret-cipher';
