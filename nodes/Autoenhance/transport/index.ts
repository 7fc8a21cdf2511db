export type { AutoenhanceContext } from './connection';
export { apiRequest, apiRequestIfFound } from './api';
export type { ApiRequest } from './api';
export { uploadToPresignedUrl, uploadContentType } from './upload';
export type { Upload, UploadSource } from './upload';
export { downloadBinary } from './download';
export type { Download } from './download';
