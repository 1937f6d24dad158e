/**
 * The vocabulary of generated page text: everyday English words written for this generator, so every page
 * is the project's own text. None names an object class (test/data/nonobject checks it with the grounded
 * metrics' own mention finder), so no text on a page could be read as a caption's object.
 */

export const NOUNS = `
account action activity address advice agreement amount analysis answer approach area argument article
aspect attempt attention audience balance basis benefit budget capacity career case category cause centre
chance change chapter choice claim class client code comment community company concept condition context
contract control copy cost council course credit culture data date deal decision degree demand design
detail development difference direction discussion distance district draft edition effect effort element
energy event evidence example exercise experience expert factor feature feedback field figure file focus
form format function future goal group growth guide habit history idea impact income index industry
influence input insight issue item journey judgement knowledge language layer lesson level limit list
logic loss manner margin market material matter measure meeting member memory message method minute model
moment month motion network note notice number object offer office opinion option order outcome output
owner page panel part pattern payment period person phase place plan point policy position practice
pressure price principle priority problem process product profile progress project proposal purpose
quality question range rate reason record region report request research resource response result review
risk role rule sample scale schedule scheme season section sector series service session setting share
signal site size skill source space speech stage standard state statement step story strategy structure
study style subject summary support surface system target task team term test theme theory thought topic
total trade trend type unit update usage value version view volume week weight window word work year
`
  .trim()
  .split(/\s+/);

export const VERBS = `
accept achieve add adjust allow apply arrange assess assume avoid build calculate check choose collect
combine compare complete confirm connect consider contain continue create define deliver depend describe
design develop discuss divide enable ensure establish estimate evaluate examine expand explain explore
extend follow gather generate handle identify improve include increase indicate inform introduce involve
keep limit maintain manage measure mention move note observe obtain offer organise outline perform plan
prefer prepare produce protect provide publish reach receive reduce refer reflect remain remove repeat
replace report require resolve respond return review revise select send share show simplify solve sort
specify start suggest summarise support test track transfer update use validate verify
`
  .trim()
  .split(/\s+/);

export const ADJECTIVES = `
able accurate active actual additional annual available average basic brief broad careful central certain
clear close common complete complex current daily direct early easy effective entire equal essential
exact extra fair familiar final financial formal frequent full general global gradual helpful high
important initial internal large late local logical long low main major manual minor modern
monthly narrow natural necessary new normal obvious official open optional original other overall
partial personal physical plain popular possible practical previous primary private proper public quick
rapid rare ready recent regular relevant reliable remote representative required short similar simple
single slow small smooth social specific stable standard steady strong suitable technical typical
useful usual valid various visible weekly whole wide
`
  .trim()
  .split(/\s+/);

export const ADVERBS = `
also again almost already always carefully clearly closely currently directly early easily especially
finally first fully generally instead largely later mainly nearly often only partly quickly rarely
recently regularly simply slowly soon still usually widely
`
  .trim()
  .split(/\s+/);

export const FUNCTION_WORDS = `
the the the a a an of of to to in in and and for with on at by from as into about over after before
between through during without within across under this that these those its their our each every some
any more most such other which who when where while because although if than
`
  .trim()
  .split(/\s+/);

/** Syllables for people's and places' names, so no real person is named by accident of choice. */
export const NAME_SYLLABLES = `
an ar bel da del el fa ra ri ko lan len li lo ma mar mi na nor o pa pe ren sa sel ta tor va ve yo zan
`
  .trim()
  .split(/\s+/);
