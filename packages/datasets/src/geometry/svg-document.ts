/**
 * The SVG document walker: reads the file with an XML parser (@xmldom/xmldom, the browser's DOMParser API in pure
 * JS) and lists its <path d> elements in document order, each with the transforms of its ancestors and its own.
 * Path data itself is parsed by svg-path-data.ts.
 */
import { DOMParser, ParseError, type Element } from '@xmldom/xmldom';
import { IDENTITY, multiply, parseTransform, type Matrix } from './svg-transform.js';

/** One <path> of an SVG document: its `d`, and the transform from its coordinates to the document's. */
export interface SvgPathElement {
  d: string;
  matrix: Matrix;
}

/** A file that is not well-formed XML; `line` and `column` (1-based) say where the parser stopped. */
export class SvgDocumentError extends Error {
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
    this.name = 'SvgDocumentError';
  }
}

const ELEMENT_NODE = 1;

/**
 * Every <path d> of an SVG document, in order, each with the product of the `transform` attributes of its
 * ancestors and its own (so a path inside <g transform="translate(…)"> lands where the picture shows it).
 * Throws SvgDocumentError for a document that is not well-formed XML, SvgTransformError for a transform it cannot
 * read.
 */
export function svgPathData(svg: string): SvgPathElement[] {
  const root = parseDocument(svg);
  const paths: SvgPathElement[] = [];
  collect(root, IDENTITY, paths);
  return paths;
}

function parseDocument(svg: string): Element {
  try {
    // Non-fatal findings (e.g. an entity declared in a DTD the parser does not read, as Illustrator writes in its
    // xmlns attributes) do not touch path data: only a fatal error stops the reading.
    const doc = new DOMParser({ onError: () => {} }).parseFromString(svg, 'image/svg+xml');
    if (!doc.documentElement) throw new SvgDocumentError('no root element');
    return doc.documentElement;
  } catch (e) {
    if (e instanceof ParseError) {
      const at = e.locator as { lineNumber?: number; columnNumber?: number } | undefined;
      throw new SvgDocumentError(e.message, at?.lineNumber, at?.columnNumber);
    }
    throw e;
  }
}

/** Walks the tree with a stack of its own, not recursion: 50,000 nested <g> must not overflow the call stack. */
function collect(root: Element, parent: Matrix, out: SvgPathElement[]): void {
  const stack: [Element, Matrix][] = [[root, parent]];
  while (stack.length) {
    const [el, outer] = stack.pop()!;
    const own = el.getAttribute('transform');
    const matrix = own === null ? outer : multiply(outer, parseTransform(own));
    if (el.localName === 'path') {
      const d = el.getAttribute('d');
      if (d !== null) out.push({ d, matrix });
    }
    // Pushed last child first, so that paths come out in document order.
    const children: Element[] = [];
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === ELEMENT_NODE) children.push(c as Element);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], matrix]);
  }
}
