export type { AutoenhanceContext } from './connection';
export { CREDENTIAL_TYPE } from './connection';
export { apiRequest, apiRequestIfFound } from './jsonRequest';
export { uploadToPresignedUrl } from './upload';
export type { UploadSource } from './upload';
export { downloadBinary } from './download';
