// Types of dist/served-script.js, which alt-text/build.ts generates (the edge serves it as GET /alt-text.js).
/** The minified drop-in script. */
export declare const ALT_TEXT_SCRIPT: string;
/** A strong ETag of the script, quoted. */
export declare const ALT_TEXT_ETAG: string;
