/**
 * The metadata every declared field carries (zod 4 `.meta()`, the last call of its chain):
 * one line of help, and the unit where the number has one. Object schemas (a model, a source, a
 * cell) carry a `title` too. Forms, the JSON editor and the README tables read these.
 */
declare module 'zod' {
  interface GlobalMeta {
    /** e.g. 'bars', 'bps', 'fraction', 'units'. */
    unit?: string;
    /** Data sources that fetch: the API origins (scheme://host) they may contact. */
    hosts?: readonly string[];
  }
}

export {};
