/**
 * Reads Qt resource bundles (`.rcc`, the binary output of `rcc -binary`): GCompris ships each activity's images
 * inside one, so its photos cannot be read as plain files. The layout follows Qt's `rcc.cpp` / `qresource.cpp`:
 * a header (`qres`, version, tree, data and names offsets, big-endian), a tree of fixed-size nodes, a names
 * table (UTF-16BE with a hash) and a data table (a 4-byte size before each payload).
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** Node flags in `qresource.cpp`. */
const COMPRESSED = 1;
const DIRECTORY = 2;
const COMPRESSED_ZSTD = 4;

export interface ResourceFile {
  /** Path inside the bundle, without a leading slash: `tools/images/hammer.png`. */
  path: string;
  /** Size of the stored payload (compressed size for compressed entries). */
  storedSize: number;
  compression: 'none' | 'zlib' | 'zstd';
  /** The file's bytes, decompressed. Throws for zstd payloads: Node 20's zlib has no zstd decoder. */
  read(): Buffer;
}

export function readQtResource(bundlePath: string): ResourceFile[] {
  return parseQtResource(readFileSync(bundlePath), bundlePath);
}

export function parseQtResource(bytes: Buffer, label = 'resource bundle'): ResourceFile[] {
  if (bytes.length < 20 || bytes.toString('latin1', 0, 4) !== 'qres') {
    throw new Error(`${label}: not a Qt resource bundle (no "qres" magic)`);
  }
  const version = bytes.readUInt32BE(4);
  if (version < 1 || version > 3)
    throw new Error(`${label}: rcc format version ${version} is not supported (1-3)`);
  const tree = bytes.readUInt32BE(8);
  const data = bytes.readUInt32BE(12);
  const names = bytes.readUInt32BE(16);
  // Version 2 added an 8-byte modification time to every node.
  const nodeSize = version >= 2 ? 22 : 14;

  const nodeAt = (index: number): number => {
    const offset = tree + index * nodeSize;
    if (offset + nodeSize > bytes.length) throw new Error(`${label}: tree node ${index} lies past the end`);
    return offset;
  };
  const nameOf = (node: number): string => {
    const at = names + bytes.readUInt32BE(node);
    const length = bytes.readUInt16BE(at);
    // Skip the 4-byte name hash; the characters follow as UTF-16BE.
    const chars = Buffer.from(bytes.subarray(at + 6, at + 6 + 2 * length));
    return chars.swap16().toString('utf16le');
  };

  const files: ResourceFile[] = [];
  const visit = (index: number, prefix: string, depth: number): void => {
    if (depth > 64) throw new Error(`${label}: directory tree deeper than 64 (a cycle?)`);
    const node = nodeAt(index);
    const flags = bytes.readUInt16BE(node + 4);
    // The root node's name is empty; every other node's path is its parents' names joined by "/".
    const path = index === 0 ? '' : `${prefix}${nameOf(node)}`;
    if (flags & DIRECTORY) {
      const count = bytes.readUInt32BE(node + 6);
      const first = bytes.readUInt32BE(node + 10);
      for (let child = first; child < first + count; child++) {
        visit(child, path === '' ? '' : `${path}/`, depth + 1);
      }
      return;
    }
    const payload = data + bytes.readUInt32BE(node + 10);
    const storedSize = bytes.readUInt32BE(payload);
    if (payload + 4 + storedSize > bytes.length)
      throw new Error(`${label}: ${path}'s data lies past the end`);
    const stored = bytes.subarray(payload + 4, payload + 4 + storedSize);
    const compression = flags & COMPRESSED_ZSTD ? 'zstd' : flags & COMPRESSED ? 'zlib' : 'none';
    files.push({
      path,
      storedSize,
      compression,
      read: () => decompress(stored, compression, `${label}: ${path}`),
    });
  };
  visit(0, '', 0);
  return files;
}

function decompress(stored: Buffer, compression: ResourceFile['compression'], label: string): Buffer {
  if (compression === 'none') return Buffer.from(stored);
  if (compression === 'zstd') {
    throw new Error(
      `${label} is zstd-compressed; Node 20's zlib cannot decode it and no zstd decoder is installed`,
    );
  }
  // qCompress: the uncompressed length as 4 bytes big-endian, then a zlib stream.
  const expected = stored.readUInt32BE(0);
  const out = inflateSync(stored.subarray(4));
  if (out.length !== expected)
    throw new Error(`${label}: inflated ${out.length} bytes, header says ${expected}`);
  return out;
}
