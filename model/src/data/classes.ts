/**
 * The object classes scenes are built from, curated by hand. Names are the words a person would use in a
 * caption ("eggplant", not the emoji name "aubergine"); objects that are several things at once get a
 * counting phrase ("pair of glasses") so "a" and "two" read correctly.
 *
 * This is a data table, so it is longer than the house file size; it is one concern (the class list).
 * `npx tsx model/src/data/check-icons.ts` (and test/data/classes.test.ts) verify every icon name below.
 */
import { STREAMLINE_ICONS } from './streamline-icons.ts';
import type { StyleId } from './styles.ts';

export type Category =
  | 'animal'
  | 'fruit'
  | 'vegetable'
  | 'food'
  | 'plant'
  | 'vehicle'
  | 'household'
  | 'tool'
  | 'clothing'
  | 'sports'
  | 'instrument'
  | 'outdoors';

export interface ObjectClass {
  id: string;
  name: string;
  plural: string;
  /** Other words that count as naming the object (singular and plural forms); never used in captions. */
  synonyms: readonly string[];
  category: Category;
  /** Icon name per art set; a missing key means the set has no usable drawing of it. */
  icons: Readonly<Partial<Record<StyleId, string>>>;
}

interface ClassEntry {
  name: string;
  plural: string;
  /** The CLDR-derived icon name that twemoji, noto, noto-v1, emojione and fluent share. */
  emoji: string;
  /** fxemoji names are not CLDR names; null where the set has no drawing of the object. */
  fx: string | null;
  synonyms?: readonly string[];
  /** Per-set names that differ from `emoji`; null where that set lacks the icon. */
  sets?: Partial<Record<StyleId, string | null>>;
}

const ANIMALS: ClassEntry[] = [
  { name: 'dog', plural: 'dogs', emoji: 'dog', fx: 'dogside', synonyms: ['puppy', 'puppies', 'doggy'] },
  { name: 'cat', plural: 'cats', emoji: 'cat', fx: 'catside', synonyms: ['kitten', 'kittens', 'kitty'] },
  { name: 'horse', plural: 'horses', emoji: 'horse', fx: 'horse', synonyms: ['pony', 'ponies'] },
  { name: 'cow', plural: 'cows', emoji: 'cow', fx: 'cow', synonyms: ['cattle'] },
  {
    name: 'pig',
    plural: 'pigs',
    emoji: 'pig',
    fx: 'pigside',
    synonyms: ['hog', 'hogs', 'piglet', 'piglets'],
  },
  { name: 'sheep', plural: 'sheep', emoji: 'ewe', fx: 'sheep', synonyms: ['lamb', 'lambs', 'ewe', 'ewes'] },
  { name: 'chicken', plural: 'chickens', emoji: 'chicken', fx: 'chicken', synonyms: ['hen', 'hens'] },
  { name: 'duck', plural: 'ducks', emoji: 'duck', fx: null, synonyms: ['duckling', 'ducklings'] },
  { name: 'bird', plural: 'birds', emoji: 'bird', fx: 'bird' },
  { name: 'penguin', plural: 'penguins', emoji: 'penguin', fx: 'penguin' },
  { name: 'owl', plural: 'owls', emoji: 'owl', fx: null },
  {
    name: 'rabbit',
    plural: 'rabbits',
    emoji: 'rabbit',
    fx: 'bunnyside',
    synonyms: ['bunny', 'bunnies', 'hare'],
  },
  { name: 'mouse', plural: 'mice', emoji: 'mouse', fx: 'mouseside', synonyms: ['rat', 'rats'] },
  { name: 'bear', plural: 'bears', emoji: 'bear', fx: 'bear' },
  {
    name: 'panda',
    plural: 'pandas',
    emoji: 'panda',
    fx: 'pandaface',
    synonyms: ['panda bear', 'panda bears'],
  },
  { name: 'tiger', plural: 'tigers', emoji: 'tiger', fx: 'tigerside' },
  { name: 'lion', plural: 'lions', emoji: 'lion', fx: null },
  { name: 'elephant', plural: 'elephants', emoji: 'elephant', fx: 'elephant' },
  { name: 'monkey', plural: 'monkeys', emoji: 'monkey', fx: 'monkey', synonyms: ['ape', 'apes'] },
  { name: 'fox', plural: 'foxes', emoji: 'fox', fx: null },
  { name: 'frog', plural: 'frogs', emoji: 'frog', fx: 'frog', synonyms: ['toad', 'toads'] },
  { name: 'turtle', plural: 'turtles', emoji: 'turtle', fx: 'turtle', synonyms: ['tortoise', 'tortoises'] },
  { name: 'snake', plural: 'snakes', emoji: 'snake', fx: 'snake', synonyms: ['serpent'] },
  { name: 'crocodile', plural: 'crocodiles', emoji: 'crocodile', fx: 'crocodile', synonyms: ['alligator'] },
  { name: 'fish', plural: 'fish', emoji: 'fish', fx: 'fish', synonyms: ['fishes'] },
  { name: 'shark', plural: 'sharks', emoji: 'shark', fx: null },
  { name: 'whale', plural: 'whales', emoji: 'spouting-whale', fx: 'spurtingwhale' },
  { name: 'dolphin', plural: 'dolphins', emoji: 'dolphin', fx: 'dolphin' },
  { name: 'octopus', plural: 'octopuses', emoji: 'octopus', fx: 'octopus', synonyms: ['octopi'] },
  { name: 'snail', plural: 'snails', emoji: 'snail', fx: 'snail' },
  { name: 'butterfly', plural: 'butterflies', emoji: 'butterfly', fx: null },
  { name: 'bee', plural: 'bees', emoji: 'honeybee', fx: 'honeybee', synonyms: ['honeybee', 'bumblebee'] },
  { name: 'ladybug', plural: 'ladybugs', emoji: 'lady-beetle', fx: 'ladybeetle', synonyms: ['ladybird'] },
  { name: 'spider', plural: 'spiders', emoji: 'spider', fx: 'spider' },
];

const FRUIT: ClassEntry[] = [
  { name: 'apple', plural: 'apples', emoji: 'red-apple', fx: 'redapple' },
  { name: 'banana', plural: 'bananas', emoji: 'banana', fx: 'banana' },
  {
    name: 'bunch of grapes',
    plural: 'bunches of grapes',
    emoji: 'grapes',
    fx: 'grapes',
    synonyms: ['grapes', 'grape'],
  },
  { name: 'orange', plural: 'oranges', emoji: 'tangerine', fx: 'tangerine', synonyms: ['tangerine'] },
  { name: 'lemon', plural: 'lemons', emoji: 'lemon', fx: 'lemon' },
  { name: 'pear', plural: 'pears', emoji: 'pear', fx: 'pear' },
  {
    name: 'pair of cherries',
    plural: 'pairs of cherries',
    emoji: 'cherries',
    fx: 'cherries',
    synonyms: ['cherries', 'cherry'],
  },
  { name: 'strawberry', plural: 'strawberries', emoji: 'strawberry', fx: 'strawberry' },
  { name: 'watermelon', plural: 'watermelons', emoji: 'watermelon', fx: 'watermelon', synonyms: ['melon'] },
  { name: 'pineapple', plural: 'pineapples', emoji: 'pineapple', fx: 'pineapple' },
];

const VEGETABLES: ClassEntry[] = [
  { name: 'tomato', plural: 'tomatoes', emoji: 'tomato', fx: 'tomato' },
  { name: 'eggplant', plural: 'eggplants', emoji: 'eggplant', fx: 'aubergine', synonyms: ['aubergine'] },
  { name: 'carrot', plural: 'carrots', emoji: 'carrot', fx: null },
  {
    name: 'corn cob',
    plural: 'corn cobs',
    emoji: 'ear-of-corn',
    fx: 'earofmaize',
    synonyms: ['corn', 'ear of corn', 'maize'],
  },
  {
    name: 'chili pepper',
    plural: 'chili peppers',
    emoji: 'hot-pepper',
    fx: 'chilipepper',
    synonyms: ['pepper', 'peppers', 'chili', 'hot pepper'],
  },
  { name: 'mushroom', plural: 'mushrooms', emoji: 'mushroom', fx: 'mushroom' },
];

const FOOD: ClassEntry[] = [
  {
    name: 'loaf of bread',
    plural: 'loaves of bread',
    emoji: 'bread',
    fx: 'bread',
    synonyms: ['bread', 'loaf', 'loaves'],
  },
  { name: 'egg', plural: 'eggs', emoji: 'egg', fx: null },
  { name: 'burger', plural: 'burgers', emoji: 'hamburger', fx: 'hamburger', synonyms: ['hamburger'] },
  {
    name: 'slice of pizza',
    plural: 'slices of pizza',
    emoji: 'pizza',
    fx: 'sliceofpizza',
    synonyms: ['pizza', 'pizza slice'],
  },
  { name: 'hot dog', plural: 'hot dogs', emoji: 'hot-dog', fx: null, synonyms: ['sausage'] },
  {
    name: 'box of fries',
    plural: 'boxes of fries',
    emoji: 'french-fries',
    fx: 'frenchfries',
    synonyms: ['fries', 'french fries', 'chips'],
  },
  { name: 'donut', plural: 'donuts', emoji: 'doughnut', fx: 'doughnut', synonyms: ['doughnut', 'doughnuts'] },
  { name: 'cookie', plural: 'cookies', emoji: 'cookie', fx: 'cookie', synonyms: ['biscuit', 'biscuits'] },
  {
    name: 'birthday cake',
    plural: 'birthday cakes',
    emoji: 'birthday-cake',
    fx: 'birthdaycake',
    synonyms: ['cake'],
  },
  {
    name: 'ice cream cone',
    plural: 'ice cream cones',
    emoji: 'soft-ice-cream',
    fx: 'softicecream',
    synonyms: ['ice cream', 'cone'],
  },
  {
    name: 'cup of coffee',
    plural: 'cups of coffee',
    emoji: 'hot-beverage',
    fx: 'hotbeverage',
    synonyms: ['coffee', 'coffee cup', 'cup', 'mug', 'tea'],
  },
  { name: 'wine glass', plural: 'wine glasses', emoji: 'wine-glass', fx: 'wineglass', synonyms: ['wine'] },
];

const PLANTS: ClassEntry[] = [
  { name: 'rose', plural: 'roses', emoji: 'rose', fx: 'rose', synonyms: ['flower', 'flowers'] },
  { name: 'tulip', plural: 'tulips', emoji: 'tulip', fx: 'tulip', synonyms: ['flower', 'flowers'] },
  {
    name: 'sunflower',
    plural: 'sunflowers',
    emoji: 'sunflower',
    fx: 'sunflower',
    synonyms: ['flower', 'flowers'],
  },
  { name: 'cactus', plural: 'cacti', emoji: 'cactus', fx: 'cactus', synonyms: ['cactuses'] },
  { name: 'palm tree', plural: 'palm trees', emoji: 'palm-tree', fx: 'palmtree', synonyms: ['palm', 'tree'] },
  { name: 'tree', plural: 'trees', emoji: 'deciduous-tree', fx: 'deciduoustree' },
  {
    name: 'maple leaf',
    plural: 'maple leaves',
    emoji: 'maple-leaf',
    fx: 'mapleleaf',
    synonyms: ['leaf', 'leaves'],
  },
];

const VEHICLES: ClassEntry[] = [
  { name: 'car', plural: 'cars', emoji: 'automobile', fx: 'automobile', synonyms: ['automobile'] },
  { name: 'taxi', plural: 'taxis', emoji: 'taxi', fx: 'taxi', synonyms: ['cab', 'car'] },
  { name: 'bus', plural: 'buses', emoji: 'bus', fx: 'bus' },
  { name: 'police car', plural: 'police cars', emoji: 'police-car', fx: 'policecar', synonyms: ['car'] },
  { name: 'ambulance', plural: 'ambulances', emoji: 'ambulance', fx: 'ambulance' },
  {
    name: 'fire truck',
    plural: 'fire trucks',
    emoji: 'fire-engine',
    fx: 'fireengine',
    synonyms: ['fire engine'],
  },
  {
    name: 'truck',
    plural: 'trucks',
    emoji: 'delivery-truck',
    fx: 'deliverytruck',
    synonyms: ['lorry', 'delivery truck', 'van'],
  },
  { name: 'tractor', plural: 'tractors', emoji: 'tractor', fx: 'tractor' },
  { name: 'bicycle', plural: 'bicycles', emoji: 'bicycle', fx: 'bicycle', synonyms: ['bike', 'bikes'] },
  {
    name: 'motorcycle',
    plural: 'motorcycles',
    emoji: 'motorcycle',
    fx: 'motorcycle',
    synonyms: ['motorbike'],
  },
  {
    name: 'train',
    plural: 'trains',
    emoji: 'locomotive',
    fx: 'steamlocomotive',
    synonyms: ['locomotive', 'steam train', 'engine'],
  },
  { name: 'airplane', plural: 'airplanes', emoji: 'airplane', fx: 'airplane', synonyms: ['plane', 'jet'] },
  { name: 'helicopter', plural: 'helicopters', emoji: 'helicopter', fx: 'helicopter' },
  { name: 'rocket', plural: 'rockets', emoji: 'rocket', fx: 'rocket', synonyms: ['spaceship'] },
  { name: 'sailboat', plural: 'sailboats', emoji: 'sailboat', fx: null, synonyms: ['boat', 'yacht'] },
  { name: 'ship', plural: 'ships', emoji: 'ship', fx: null, synonyms: ['boat', 'cruise ship'] },
];

const HOUSEHOLD: ClassEntry[] = [
  { name: 'bed', plural: 'beds', emoji: 'bed', fx: null },
  { name: 'door', plural: 'doors', emoji: 'door', fx: 'door' },
  { name: 'toilet', plural: 'toilets', emoji: 'toilet', fx: 'toilet' },
  { name: 'umbrella', plural: 'umbrellas', emoji: 'umbrella', fx: 'umbrella' },
  {
    name: 'alarm clock',
    plural: 'alarm clocks',
    emoji: 'alarm-clock',
    fx: 'alarmclock',
    synonyms: ['clock'],
  },
  { name: 'light bulb', plural: 'light bulbs', emoji: 'light-bulb', fx: 'lightbulb', synonyms: ['bulb'] },
  { name: 'candle', plural: 'candles', emoji: 'candle', fx: 'candle' },
  { name: 'key', plural: 'keys', emoji: 'key', fx: 'key' },
  { name: 'padlock', plural: 'padlocks', emoji: 'locked', fx: 'lock', synonyms: ['lock', 'locks'] },
  { name: 'balloon', plural: 'balloons', emoji: 'balloon', fx: 'balloon' },
  {
    name: 'gift',
    plural: 'gifts',
    emoji: 'wrapped-gift',
    fx: 'present',
    synonyms: ['present', 'presents', 'gift box'],
  },
  { name: 'book', plural: 'books', emoji: 'closed-book', fx: 'closedbook' },
  { name: 'envelope', plural: 'envelopes', emoji: 'envelope', fx: 'envelope', synonyms: ['letter', 'mail'] },
  { name: 'pencil', plural: 'pencils', emoji: 'pencil', fx: 'pencil' },
  {
    name: 'mobile phone',
    plural: 'mobile phones',
    emoji: 'mobile-phone',
    fx: 'cellphone',
    synonyms: ['phone', 'cell phone', 'cellphone', 'smartphone'],
  },
  {
    name: 'laptop',
    plural: 'laptops',
    emoji: 'laptop',
    fx: 'oldpersonalcomputer',
    synonyms: ['computer', 'notebook'],
  },
  { name: 'television', plural: 'televisions', emoji: 'television', fx: 'television', synonyms: ['tv'] },
  { name: 'camera', plural: 'cameras', emoji: 'camera', fx: 'camera' },
  {
    name: 'pair of headphones',
    plural: 'pairs of headphones',
    emoji: 'headphone',
    fx: 'headphone',
    synonyms: ['headphones', 'headset'],
  },
  { name: 'watch', plural: 'watches', emoji: 'watch', fx: 'watch', synonyms: ['wristwatch'] },
  {
    name: 'backpack',
    plural: 'backpacks',
    emoji: 'backpack',
    fx: 'schoolsatchel',
    synonyms: ['rucksack', 'school bag', 'bag'],
  },
  { name: 'handbag', plural: 'handbags', emoji: 'handbag', fx: 'handbag', synonyms: ['purse', 'bag'] },
];

const TOOLS: ClassEntry[] = [
  {
    name: 'magnifying glass',
    plural: 'magnifying glasses',
    emoji: 'magnifying-glass-tilted-left',
    fx: 'leftmagnifyingglass',
    synonyms: ['magnifier'],
  },
  {
    name: 'pair of scissors',
    plural: 'pairs of scissors',
    emoji: 'scissors',
    fx: 'blackscissors',
    synonyms: ['scissors'],
  },
  { name: 'hammer', plural: 'hammers', emoji: 'hammer', fx: 'hammer' },
  { name: 'wrench', plural: 'wrenches', emoji: 'wrench', fx: 'wrench', synonyms: ['spanner'] },
  { name: 'pickaxe', plural: 'pickaxes', emoji: 'pick', fx: null, synonyms: ['pick'] },
  { name: 'microscope', plural: 'microscopes', emoji: 'microscope', fx: 'microscope' },
  { name: 'telescope', plural: 'telescopes', emoji: 'telescope', fx: 'telescope' },
];

const CLOTHING: ClassEntry[] = [
  {
    name: 'shirt',
    plural: 'shirts',
    emoji: 't-shirt',
    fx: 'mansshirt',
    synonyms: ['t-shirt', 'tshirt', 'tee'],
  },
  { name: 'dress', plural: 'dresses', emoji: 'dress', fx: 'dress' },
  {
    name: 'pair of jeans',
    plural: 'pairs of jeans',
    emoji: 'jeans',
    fx: 'jeans',
    synonyms: ['jeans', 'trousers', 'pants'],
  },
  { name: 'tie', plural: 'ties', emoji: 'necktie', fx: 'tie', synonyms: ['necktie'] },
  {
    name: 'pair of glasses',
    plural: 'pairs of glasses',
    emoji: 'glasses',
    fx: 'glasses',
    synonyms: ['glasses', 'eyeglasses', 'spectacles'],
  },
  {
    name: 'pair of sunglasses',
    plural: 'pairs of sunglasses',
    emoji: 'sunglasses',
    fx: 'darksunglasses',
    synonyms: ['sunglasses', 'shades'],
  },
  { name: 'top hat', plural: 'top hats', emoji: 'top-hat', fx: 'tophat', synonyms: ['hat', 'hats'] },
  { name: 'crown', plural: 'crowns', emoji: 'crown', fx: 'crown' },
  {
    name: 'high heel',
    plural: 'high heels',
    emoji: 'high-heeled-shoe',
    fx: 'heels',
    synonyms: ['shoe', 'shoes', 'high heeled shoe'],
  },
  {
    name: 'sneaker',
    plural: 'sneakers',
    emoji: 'running-shoe',
    fx: null,
    synonyms: ['shoe', 'shoes', 'trainer', 'running shoe'],
  },
  { name: 'boot', plural: 'boots', emoji: 'womans-boot', fx: 'boot', synonyms: ['shoe', 'shoes'] },
  { name: 'ring', plural: 'rings', emoji: 'ring', fx: 'ring', synonyms: ['diamond ring'] },
];

const SPORTS: ClassEntry[] = [
  {
    name: 'soccer ball',
    plural: 'soccer balls',
    emoji: 'soccer-ball',
    fx: 'soccerball',
    synonyms: ['ball', 'balls', 'football'],
  },
  {
    name: 'basketball',
    plural: 'basketballs',
    emoji: 'basketball',
    fx: 'basketballandhoop',
    synonyms: ['ball', 'balls'],
  },
  {
    name: 'american football',
    plural: 'american footballs',
    emoji: 'american-football',
    fx: 'americanfootball',
    synonyms: ['football', 'ball', 'balls'],
  },
  { name: 'baseball', plural: 'baseballs', emoji: 'baseball', fx: 'baseball', synonyms: ['ball', 'balls'] },
  // twemoji and fxemoji draw only the ball; the other sets draw a racket with a ball.
  {
    name: 'tennis racket',
    plural: 'tennis rackets',
    emoji: 'tennis',
    fx: null,
    synonyms: ['racket', 'racquet', 'tennis ball', 'tennis'],
    sets: { twemoji: null },
  },
  {
    name: 'bowling ball',
    plural: 'bowling balls',
    emoji: 'bowling',
    fx: 'bowling',
    synonyms: ['bowling pins'],
  },
  { name: 'boxing glove', plural: 'boxing gloves', emoji: 'boxing-glove', fx: null, synonyms: ['glove'] },
  { name: 'dice', plural: 'dice', emoji: 'game-die', fx: null, synonyms: ['die'] },
  { name: 'trophy', plural: 'trophies', emoji: 'trophy', fx: 'trophy', synonyms: ['cup'] },
  {
    name: 'game controller',
    plural: 'game controllers',
    emoji: 'video-game',
    fx: 'videogame',
    synonyms: ['controller', 'gamepad', 'joystick'],
  },
];

const INSTRUMENTS: ClassEntry[] = [
  { name: 'guitar', plural: 'guitars', emoji: 'guitar', fx: 'guitar' },
  { name: 'violin', plural: 'violins', emoji: 'violin', fx: 'violin', synonyms: ['fiddle'] },
  { name: 'trumpet', plural: 'trumpets', emoji: 'trumpet', fx: 'trumpet', synonyms: ['horn'] },
  { name: 'saxophone', plural: 'saxophones', emoji: 'saxophone', fx: 'saxophone', synonyms: ['sax'] },
  { name: 'drum', plural: 'drums', emoji: 'drum', fx: null },
  {
    name: 'piano',
    plural: 'pianos',
    emoji: 'musical-keyboard',
    fx: 'musicalkeyboard',
    synonyms: ['keyboard', 'piano keyboard'],
  },
  { name: 'microphone', plural: 'microphones', emoji: 'microphone', fx: 'microphone', synonyms: ['mic'] },
];

const OUTDOORS: ClassEntry[] = [
  { name: 'house', plural: 'houses', emoji: 'house', fx: 'housebuilding', synonyms: ['home', 'building'] },
  { name: 'anchor', plural: 'anchors', emoji: 'anchor', fx: 'anchor' },
  { name: 'snowman', plural: 'snowmen', emoji: 'snowman-without-snow', fx: 'snowmanwithoutsnow' },
  { name: 'cloud', plural: 'clouds', emoji: 'cloud', fx: 'cloud' },
  { name: 'rainbow', plural: 'rainbows', emoji: 'rainbow', fx: null },
  { name: 'moon', plural: 'moons', emoji: 'crescent-moon', fx: 'crescentmoon', synonyms: ['crescent moon'] },
  { name: 'sun', plural: 'suns', emoji: 'sun', fx: 'whitesun' },
  { name: 'star', plural: 'stars', emoji: 'star', fx: 'star' },
  { name: 'fire', plural: 'fires', emoji: 'fire', fx: 'fire', synonyms: ['flame', 'flames'] },
  {
    name: 'pumpkin',
    plural: 'pumpkins',
    emoji: 'jack-o-lantern',
    fx: 'jackolantern',
    synonyms: ['jack o lantern', 'jack-o-lantern'],
  },
  {
    name: 'christmas tree',
    plural: 'christmas trees',
    emoji: 'christmas-tree',
    fx: 'christmastree',
    synonyms: ['tree', 'trees'],
  },
];

const STANDARD_SETS = ['twemoji', 'noto', 'noto-v1', 'emojione', 'fluent-emoji-flat'] as const;

function toClass(category: Category, entry: ClassEntry): ObjectClass {
  const icons: Partial<Record<StyleId, string>> = {};
  for (const style of STANDARD_SETS) icons[style] = entry.emoji;
  if (entry.fx !== null) icons.fxemoji = entry.fx;
  const id = entry.name.replaceAll(' ', '-');
  if (STREAMLINE_ICONS[id] !== undefined) icons['streamline-emojis'] = STREAMLINE_ICONS[id];
  for (const [style, icon] of Object.entries(entry.sets ?? {}) as [StyleId, string | null][]) {
    if (icon === null) delete icons[style];
    else icons[style] = icon;
  }
  return {
    id,
    name: entry.name,
    plural: entry.plural,
    synonyms: entry.synonyms ?? [],
    category,
    icons,
  };
}

const BY_CATEGORY: [Category, ClassEntry[]][] = [
  ['animal', ANIMALS],
  ['fruit', FRUIT],
  ['vegetable', VEGETABLES],
  ['food', FOOD],
  ['plant', PLANTS],
  ['vehicle', VEHICLES],
  ['household', HOUSEHOLD],
  ['tool', TOOLS],
  ['clothing', CLOTHING],
  ['sports', SPORTS],
  ['instrument', INSTRUMENTS],
  ['outdoors', OUTDOORS],
];

/** Every class, in a fixed order: a class's index is its position in sprite atlases. */
export const OBJECT_CLASSES: readonly ObjectClass[] = BY_CATEGORY.flatMap(([category, entries]) =>
  entries.map((entry) => toClass(category, entry)),
);

export const CLASS_BY_ID: ReadonlyMap<string, ObjectClass> = new Map(OBJECT_CLASSES.map((c) => [c.id, c]));
