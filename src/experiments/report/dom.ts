// A DOM for Node, so Observable Plot can build SVG without a browser. Node-only.
import { parseHTML } from 'linkedom';

/** A fresh, empty HTML document (linkedom). */
export function nodeDocument(): Document {
  return parseHTML('<!DOCTYPE html><html><head></head><body></body></html>')
    .document as unknown as Document;
}
