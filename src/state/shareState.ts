import type { LinkSizeLevel, ShareLinkErrorKind } from '../notebook/shareLink';

/** The last "Copy link" of the open notebook. */
export interface CopiedLink {
  status: 'copying' | 'copied' | 'refused' | 'error';
  /** The whole URL's length, shown beside the button. */
  chars: number | null;
  level: LinkSizeLevel | null;
  /** The link itself (also when the clipboard refused it, so it can be copied by hand). */
  link: string | null;
  message: string | null;
}

/** A CSV the linked notebook reads: the recipient provides the file, checked against the link's hash. */
export interface LinkedCsv {
  name: string;
  hash: string;
  status: 'checking-store' | 'needed' | 'reading' | 'ready' | 'refused';
  message: string | null;
}

/** The notebook opened from the page's link: nothing of it runs until the user presses Run. */
export interface OpenedLink {
  notebookId: string;
  title: string;
  csv: LinkedCsv | null;
  /** Stored as a user notebook ("Save to my library"). */
  savedAs: string | null;
}

export interface ShareState {
  copied: CopiedLink | null;
  opened: OpenedLink | null;
  /** A link that could not be opened: its error kind and message (the page shows the default notebook). */
  failed: { kind: ShareLinkErrorKind; message: string } | null;
}

export function initialShareState(): ShareState {
  return { copied: null, opened: null, failed: null };
}
