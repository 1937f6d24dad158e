/**
 * Stanford CoreNLP's Americanize (edu.stanford.nlp.process.Americanize, 2013-14 era), which PTBTokenizer
 * applies to plain words by default in the CoreNLP 3.4.1 that the COCO evaluation runs: "grey" -> "gray",
 * "colour" -> "color". It runs on the word as written, before -lowerCase, so it is case-sensitive: "Grey" at
 * the start of a caption stays "grey". Reproduced because references and candidates that spell a word
 * differently then score as the reference code scores them.
 */

/** No word shorter than this is changed. */
const MINIMUM_LENGTH_CHANGED = 4;
/** No word shorter than this can match a pattern. */
const MINIMUM_LENGTH_PATTERN_MATCH = 6;

/** British spelling > American spelling, as Americanize's converters/converted tables pair them. */
const CONVERSIONS: ReadonlyMap<string, string> = new Map(
  `
  anaesthetic>anesthetic analogue>analog analogues>analogs analyse>analyze analysed>analyzed
  analysing>analyzing armoured>armored cancelled>canceled cancelling>canceling candour>candor
  capitalise>capitalize capitalised>capitalized capitalisation>capitalization centre>center
  chimaeric>chimeric clamour>clamor coloured>colored colouring>coloring colourful>colorful defence>defense
  Defence>Defense discolour>discolor discolours>discolors discoloured>discolored discolouring>discoloring
  encyclopaedia>encyclopedia endeavour>endeavor endeavours>endeavors endeavoured>endeavored
  endeavouring>endeavoring fervour>fervor favour>favor favours>favors favoured>favored favouring>favoring
  favourite>favorite favourites>favorites fibre>fiber fibres>fibers finalise>finalize finalised>finalized
  finalising>finalizing flavour>flavor flavours>flavors flavoured>flavored flavouring>flavoring
  glamour>glamour grey>gray harbour>harbor harbours>harbors homologue>homolog homologues>homologs
  honour>honor honours>honors honoured>honored honouring>honoring honourable>honorable humour>humor
  humours>humors humoured>humored humouring>humoring kerb>curb labelled>labeled labelling>labeling
  labour>labor Labour>Labor labours>labors laboured>labored labouring>laboring leant>leaned learnt>learned
  localise>localize localised>localized manoeuvre>maneuver manoeuvres>maneuvers maximise>maximize
  maximised>maximized maximising>maximizing meagre>meager minimise>minimize minimised>minimized
  minimising>minimizing modernise>modernize modernised>modernized modernising>modernizing
  misdemeanour>misdemeanor misdemeanours>misdemeanors neighbour>neighbor neighbours>neighbors
  neighbourhood>neighborhood neighbourhoods>neighborhoods oestrogen>estrogen oestrogens>estrogens
  organisation>organization organisations>organizations penalise>penalize penalised>penalized
  popularise>popularize popularised>popularized popularises>popularizes popularising>popularizing
  practise>practice practised>practiced pressurise>pressurize pressurised>pressurized
  pressurises>pressurizes pressurising>pressurizing realise>realize realised>realized realising>realizing
  realises>realizes recognise>recognize recognised>recognized recognising>recognizing
  recognises>recognizes rumoured>rumored rumouring>rumoring savour>savor savours>savors savoured>savored
  savouring>savoring splendour>splendor splendours>splendors theatre>theater theatres>theaters titre>titer
  titres>titers travelled>traveled travelling>traveling
  `
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [british = '', american = ''] = pair.split('>');
      return [british, american] as const;
    }),
);

/** Words ending in "our" that are not British spellings; a substring match exempts the word. */
const OUR_EXCEPTIONS = new RegExp(
  [
    'abatjour',
    'beflour',
    'bonjour',
    'calambour',
    'carrefour',
    'cornflour',
    'contour',
    'de[tv]our',
    'dortour',
    'dyvour',
    'downpour',
    'giaour',
    'glamour',
    'holour',
    'inpour',
    'outpour',
    'pandour',
    'paramour',
    'pompadour',
    'recontour',
    'repour',
    'ryeflour',
    'sompnour',
    'tambour',
    'troubadour',
    'tregetour',
    'velour',
  ].join('|'),
);

/** Tried in order; the first that matches rewrites every occurrence (Java's Matcher.replaceAll). */
const PATTERNS: readonly { find: RegExp; replace: string; except?: RegExp }[] = [
  { find: /haem(at)?o/g, replace: 'hem$1o' },
  { find: /aemia$/g, replace: 'emia' },
  { find: /([lL])eukaem/g, replace: '$1eukem' },
  { find: /programme(s?)$/g, replace: 'program$1' },
  { find: /^([a-z]{3,})our(s?)$/g, replace: '$1or$2', except: OUR_EXCEPTIONS },
];

// Month and day names are capitalised by the Java code and lower-cased again by -lowerCase; returning them
// unchanged gives the same tokens.
export function americanize(word: string): string {
  if (word.length < MINIMUM_LENGTH_CHANGED) return word;
  const converted = CONVERSIONS.get(word);
  if (converted !== undefined) return converted;
  if (word.length < MINIMUM_LENGTH_PATTERN_MATCH) return word;
  for (const { find, replace, except } of PATTERNS) {
    find.lastIndex = 0;
    if (!find.test(word)) continue;
    if (except?.test(word)) continue;
    find.lastIndex = 0;
    return word.replace(find, replace);
  }
  return word;
}
