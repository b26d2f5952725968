/**
 * The story body's schema as plain data, mirroring the Rust core (which rejects anything else on
 * save). The fake platform validates saves with it and the schema-conformance test checks the
 * editor's output against it.
 */
import type { Doc, DocNode } from "../platform/types";
import { AppError } from "../platform/errors";
import { isAllowedHref } from "./links";

/** Allowed attribute names per node type (types not listed take no attributes). */
export const NODE_ATTRS: Readonly<Record<string, readonly string[]>> = {
  doc: [],
  paragraph: [],
  heading: ["level"],
  blockquote: [],
  bulletList: [],
  orderedList: ["start"],
  listItem: [],
  figure: ["use"],
  horizontalRule: [],
  hardBreak: [],
  text: [],
};

export const MARK_ATTRS: Readonly<Record<string, readonly string[]>> = {
  strong: [],
  em: [],
  link: ["href"],
  note: [],
};

function checkAttrs(where: string, attrs: Record<string, unknown> | undefined, allowed: readonly string[]): string | null {
  if (attrs === undefined) return allowed.length === 0 ? null : `${where} needs attributes ${allowed.join(", ")}`;
  for (const key of Object.keys(attrs)) {
    if (!allowed.includes(key)) return `${where} has unknown attribute “${key}”`;
  }
  for (const key of allowed) {
    if (!(key in attrs)) return `${where} is missing attribute “${key}”`;
  }
  return null;
}

function checkNode(node: DocNode, path: string): string | null {
  const allowed = NODE_ATTRS[node.type];
  if (allowed === undefined) return `unknown node “${node.type}” at ${path}`;
  const where = `${node.type} at ${path}`;
  if (node.attrs !== undefined || allowed.length > 0) {
    const bad = checkAttrs(where, node.attrs, allowed);
    if (bad) return bad;
  }
  if (node.type === "heading") {
    const level = node.attrs?.level;
    if (level !== 2 && level !== 3 && level !== 4) return `${where}: level must be 2, 3 or 4`;
  }
  if (node.type === "orderedList") {
    const start = node.attrs?.start;
    if (typeof start !== "number" || !Number.isInteger(start) || start < 1) return `${where}: start must be a whole number ≥ 1`;
  }
  if (node.type === "figure" && typeof node.attrs?.use !== "string") return `${where}: use must be a string`;
  if (node.type === "text") {
    if (typeof node.text !== "string" || node.text.length === 0) return `${where}: text must not be empty`;
    if (node.content !== undefined) return `${where}: text has content`;
  } else if (node.text !== undefined) return `${where}: only text nodes carry text`;
  if (node.marks !== undefined) {
    if (node.type !== "text") return `${where}: only text nodes carry marks`;
    for (const mark of node.marks) {
      const markAllowed = MARK_ATTRS[mark.type];
      if (markAllowed === undefined) return `unknown mark “${mark.type}” at ${path}`;
      if (mark.attrs !== undefined || markAllowed.length > 0) {
        const bad = checkAttrs(`${mark.type} mark at ${path}`, mark.attrs, markAllowed);
        if (bad) return bad;
      }
      if (mark.type === "link") {
        const href = mark.attrs?.href;
        if (typeof href !== "string" || !isAllowedHref(href)) return `link at ${path}: href not allowed`;
      }
    }
  }
  if (node.content !== undefined) {
    for (let i = 0; i < node.content.length; i++) {
      const bad = checkNode(node.content[i], `${path}/${i}`);
      if (bad) return bad;
    }
  }
  return null;
}

/** Null when `doc` is a valid story body, else a message naming the first offending part. */
export function validateDoc(doc: DocNode): string | null {
  if (doc.type !== "doc") return `the body must be a doc node, not “${doc.type}”`;
  return checkNode(doc, "doc");
}

/**
 * The editor's JSON as the generated `Doc` type, after checking it against the schema. The one
 * cast from loose editor JSON to the typed body lives here, behind the check.
 */
export function asDoc(node: DocNode): Doc {
  const problem = validateDoc(node);
  if (problem) throw new AppError("invalid_document", problem, "editor");
  return node as unknown as Doc;
}

/** An empty body: one empty paragraph. */
export function emptyDoc(): Doc {
  return { type: "doc", content: [{ type: "paragraph" }] };
}
