export type { AutoenhanceContext } from './connection';
export { CREDENTIAL_TYPE } from './connection';
export { apiRequest, apiRequestIfFound } from './jsonRequest';
export type { ApiRequest } from './jsonRequest';
export { uploadToPresignedUrl } from './upload';
export type { Upload, UploadSource } from './upload';
export { downloadBinary } from './download';
export type { Download } from './download';
