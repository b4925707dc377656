import packageJson from '../../package.json';

/** Versions recorded in each run; tfjs is pinned exactly in package.json, so no tfjs import on the main thread. */
export function appVersions(): Record<string, string> {
  return {
    app: packageJson.version,
    tfjs: packageJson.dependencies['@tensorflow/tfjs'],
    userAgent: navigator.userAgent,
  };
}
