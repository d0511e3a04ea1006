// Kubernetes-style YAML: documents with a comment above each, joined by `---`, keys in the order
// the objects were built (deterministic: the same candidate gives the same bytes). Pure text.
import YAML from 'yaml';

export interface CommentedDocument {
  /** Lines shown above the document (without `#`). */
  comment: string[];
  value: unknown;
}

export function yamlDocuments(documents: CommentedDocument[]): string {
  return documents
    .map(({ comment, value }) => {
      const doc = new YAML.Document(value);
      if (comment.length > 0) doc.commentBefore = comment.map((line) => ` ${line}`).join('\n');
      return doc.toString({ lineWidth: 0 });
    })
    .join('---\n');
}

/** Every document of a YAML (or JSON) text, as plain values. Parse errors name the file and line. */
export function parseYamlDocuments(text: string): unknown[] {
  const docs = YAML.parseAllDocuments(text);
  const values: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw doc.errors[0];
    const value = doc.toJS() as unknown;
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}
