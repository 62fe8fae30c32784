import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/**
 * Files Cohorte keeps: absence proofs, signed agreements, exports. They hold
 * personal data, so the disk is private and never served as static files:
 * each download goes through a route that checks who asks.
 *
 * `fs` (default) keeps them under DRIVE_ROOT on one machine; `s3` keeps
 * them in a private bucket of any S3-compatible storage (AWS, Scaleway,
 * OVHcloud, MinIO…), shared by every web and worker process. The code uses
 * only what both do (put, putStream, get, getBytes, getStream, exists,
 * delete, move, listAll): no public or signed URL.
 */
const disk = env.get('DRIVE_DISK', 'fs')

/**
 * The S3 disk, configured only when chosen: otherwise no process loads the
 * AWS SDK at start-up.
 */
const s3 = services.s3({
  bucket: env.get('S3_BUCKET', ''),
  region: env.get('S3_REGION', 'us-east-1'),
  endpoint: env.get('S3_ENDPOINT'),
  forcePathStyle: env.get('S3_FORCE_PATH_STYLE', false),
  credentials: {
    accessKeyId: env.get('S3_ACCESS_KEY_ID', ''),
    secretAccessKey: env.get('S3_SECRET_ACCESS_KEY', ''),
  },
  visibility: 'private',
  // Private objects need no ACL call (some S3-compatible stores have none).
  supportsACL: false,
})

const driveConfig = defineConfig({
  default: disk,

  /**
   * Where `drive.fake()` writes in tests: beside DRIVE_ROOT, so two test
   * runs with their own DRIVE_ROOT never empty each other's fakes.
   */
  fakes: {
    location: app.makePath(`${env.get('DRIVE_ROOT', 'storage')}-fakes`),
  },

  services: {
    fs: services.fs({
      location: app.makePath(env.get('DRIVE_ROOT', 'storage')),
      serveFiles: false,
      visibility: 'private',
    }),
    ...(disk === 's3' ? { s3 } : {}),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
