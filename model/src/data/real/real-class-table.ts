/**
 * Candidate classes for real-world pictures, beyond the emoji classes (classes.ts), written as
 * `name[/plural][: synonym, synonym] @category`. A candidate becomes a class only when at least three trainable
 * instances map to it (real-classes.ts), so this list can be generous: it is the words captions may use, in the
 * form a person would say them ("sofa", not "3-seat settee").
 *
 * Data table: longer than the house file size, one concern. Plurals default to English rules (english-plural.ts).
 */
export const REAL_CLASS_TABLE = `
armchair: armchairs, easy chair @household
chair: chairs, stool chair, office chair, dining chair @household
sofa: sofas, couch, couches, settee @household
table: tables, dining table, coffee table @household
desk: desks, writing desk @household
stool: stools, bar stool @household
bench: benches, park bench @outdoors
cabinet: cabinets, cupboard, cupboards, sideboard @household
wardrobe: wardrobes, closet @household
bookcase: bookcases, bookshelf, bookshelves @household
shelf/shelves: shelving @household
chest of drawers/chests of drawers: dresser, drawers @household
lamp: lamps, floor lamp, table lamp, desk lamp @household
chandelier: chandeliers @household
crib: cribs, cot, cradle @household
pillow: pillows @household
cushion: cushions @household
rug: rugs, carpet, carpets, mat @household
curtain: curtains @household
mirror: mirrors @household
vase: vases @household
potted plant: potted plants, houseplant, plant, plants, pot plant, flower pot, flowerpot, plant pot @plant
clock: clocks, wall clock @household
fireplace: fireplaces @household
radiator: radiators @household
refrigerator: refrigerators, fridge, fridges, freezer @household
oven: ovens @household
stove: stoves, cooker, cookers, cooktop @household
microwave: microwaves, microwave oven @household
sink: sinks, washbasin, wash basin, basin @household
dishwasher: dishwashers @household
washing machine: washing machines, washer @household
toaster: toasters @household
kettle: kettles @household
teapot: teapots @household
blender: blenders, mixer @household
coffee maker: coffee makers, coffee machine, espresso machine @household
saucepan: saucepans, pot, pots, cooking pot @household
frying pan: frying pans, pan, pans, skillet @household
plate: plates, dish @household
bowl: bowls @household
knife/knives: kitchen knife @household
fork: forks @household
spoon: spoons @household
glass: glasses, drinking glass, tumbler @household
bottle: bottles @household
jar: jars @household
can: cans, tin can @household
mug: mugs @household
cup: cups, teacup @household
tray: trays @household
bathtub: bathtubs, bath, tub @household
shower: showers @household
towel: towels @household
soap: soaps, bar of soap @household
toothbrush/toothbrushes @household
toothpaste @household
computer monitor: computer monitors, monitor, monitors, screen, screens @household
desktop computer: desktop computers, computer, computers, pc @household
keyboard: keyboards, computer keyboard @household
computer mouse/computer mice @household
printer: printers @household
loudspeaker: loudspeakers, speaker, speakers @household
radio: radios @household
telephone: telephones, landline @household
tablet: tablets, tablet computer @household
remote control: remote controls, remote @household
fan: fans, electric fan @household
heater: heaters @household
vacuum cleaner: vacuum cleaners, hoover @household
iron: irons, clothes iron @household
hair dryer: hair dryers, hairdryer @household
battery/batteries @household
plug: plugs, power plug @household
socket: sockets, power outlet, outlet @household
light switch/light switches: switch, switches @household
screwdriver: screwdrivers, screw driver @tool
saw: saws, handsaw, hacksaw @tool
drill: drills, power drill @tool
pair of pliers/pairs of pliers: pliers, plier, side cutter, side cutters @tool
shovel: shovels, spade, spades @tool
rake: rakes @tool
broom: brooms @tool
brush/brushes: scrubbing brush @tool
paintbrush/paintbrushes: paint brush @tool
ladder: ladders @tool
axe: axes, hatchet @tool
tape measure: tape measures, measuring tape @tool
ruler: rulers @tool
flashlight: flashlights, torch @tool
toolbox/toolboxes: tool box @tool
wheelbarrow: wheelbarrows @tool
bucket: buckets, pail @tool
watering can: watering cans @tool
trowel: trowels @tool
paint roller: paint rollers @tool
nail: nails @tool
screw: screws @tool
pen: pens, ballpoint pen, fountain pen @tool
folder: folders, file folder @tool
stapler: staplers @tool
paper clip: paper clips, paperclip, paperclips @tool
calculator: calculators @tool
calendar: calendars @tool
stamp: stamps, rubber stamp @tool
globe: globes @tool
briefcase: briefcases @tool
newspaper: newspapers @tool
clipboard: clipboards @tool
crayon: crayons @tool
marker: markers, felt pen @tool
van: vans, minivan @vehicle
scooter: scooters @vehicle
tram: trams, streetcar, tramway @vehicle
jeep: jeeps, off road car @vehicle
rowboat: rowboats, rowing boat @vehicle
canoe: canoes, kayak @vehicle
goat: goats @animal
deer: deer, reindeer, stag @animal
giraffe: giraffes @animal
zebra: zebras @animal
camel: camels @animal
kangaroo: kangaroos @animal
squirrel: squirrels @animal
hedgehog: hedgehogs @animal
bat: bats @animal
wolf/wolves @animal
parrot: parrots @animal
eagle: eagles, hawk, hawks @animal
swan: swans @animal
goose/geese @animal
turkey: turkeys @animal
seagull: seagulls, gull, gulls @animal
pigeon: pigeons, dove, doves @animal
crab: crabs @animal
lobster: lobsters, crayfish, crawfish @animal
jellyfish @animal
starfish @animal
seal: seals, sea lion @animal
hippo: hippos, hippopotamus @animal
rhino: rhinos, rhinoceros @animal
gorilla: gorillas @animal
chipmunk: chipmunks @animal
dinosaur: dinosaurs, dino @animal
ant: ants @animal
fly/flies: housefly @animal
mosquito: mosquitoes @animal
worm: worms, earthworm @animal
beetle: beetles @animal
caterpillar: caterpillars @animal
donkey: donkeys @animal
llama: llamas, alpaca @animal
cheese: cheeses @food
sandwich/sandwiches @food
salad: salads @food
soup: soups @food
pie: pies @food
muffin: muffins, cupcake, cupcakes @food
croissant: croissants @food
candy/candies: sweet, sweets @food
lollipop: lollipops @food
chocolate: chocolates, chocolate bar @food
bacon @food
steak: steaks @food
potato: potatoes @vegetable
onion: onions @vegetable
garlic @vegetable
cabbage: cabbages @vegetable
lettuce @vegetable
broccoli @vegetable
cucumber: cucumbers @vegetable
peas @vegetable
peach/peaches @fruit
plum: plums @fruit
kiwi: kiwis @fruit
lime: limes @fruit
coconut: coconuts @fruit
avocado: avocados @fruit
mango: mangoes @fruit
acorn: acorns @plant
nut: nuts, walnut, walnuts, hazelnut @food
milk @food
beer @food
popcorn @food
pancake: pancakes @food
bush/bushes: shrub, shrubs, hedge, hedges @plant
fern: ferns @plant
bamboo @plant
daisy/daisies @plant
daffodil: daffodils @plant
lily/lilies @plant
orchid: orchids @plant
pine tree: pine trees, fir, fir tree, spruce, conifer @plant
jacket: jackets, coat, coats @clothing
sweater: sweaters, jumper, pullover @clothing
skirt: skirts @clothing
pair of shorts/pairs of shorts: shorts @clothing
sock: socks @clothing
glove: gloves @clothing
scarf/scarves @clothing
cap: caps, baseball cap @clothing
helmet: helmets @clothing
slipper: slippers @clothing
sandal: sandals @clothing
belt: belts @clothing
suit: suits @clothing
suitcase: suitcases, luggage @household
wallet: wallets @household
kite: kites @sports
skateboard: skateboards @sports
surfboard: surfboards @sports
sled: sleds, sledge, sleigh @sports
baseball bat: baseball bats @sports
dartboard: dartboards @sports
teddy bear: teddy bears @household
doll: dolls @household
chessboard: chessboards, chess board @sports
playing card: playing cards, card, cards @sports
swing: swings @outdoors
trampoline: trampolines @sports
seesaw: seesaws @outdoors
tent: tents @outdoors
dumbbell: dumbbells @sports
treadmill: treadmills @sports
flute: flutes @instrument
harp: harps @instrument
cello: cellos @instrument
accordion: accordions @instrument
xylophone: xylophones @instrument
trombone: trombones @instrument
bell: bells @instrument
fence: fences @outdoors
mailbox/mailboxes: letterbox @outdoors
fire hydrant: fire hydrants, hydrant @outdoors
traffic light: traffic lights @outdoors
street lamp: street lamps, lamppost, lamp post, streetlight, street light, park light @outdoors
fountain: fountains @outdoors
barbecue: barbecues, grill @outdoors
swimming pool: swimming pools, pool @outdoors
lighthouse: lighthouses @outdoors
tower: towers @outdoors
castle: castles @outdoors
windmill: windmills @outdoors
bridge: bridges @outdoors
church/churches @outdoors
rock: rocks, stone, stones, boulder @outdoors
parasol: parasols, sunshade @outdoors
road sign: road signs, traffic sign, sign, signs @outdoors
traffic cone: traffic cones, cone @outdoors
trash can: trash cans, trashcan, bin, bins, dustbin, garbage can, wastebasket, rubbish bin @outdoors
box: boxes, cardboard box @household
basket: baskets @household
bag: bags, paper bag, shopping bag @household
barrel: barrels @household
crate: crates @household
lantern: lanterns @household
picture frame: picture frames, frame @household
robot: robots @household
hourglass/hourglasses @household
coin: coins @household
coat hanger: coat hangers, hanger, hangers @household
comb: combs @household
razor: razors @household
lipstick: lipsticks, lip stick @household
necklace: necklaces @clothing
sword: swords @tool
shield: shields @tool
syringe: syringes @tool
pill: pills, tablet pill @tool
thermometer: thermometers @tool
flask: flasks, laboratory flask @tool
magnet: magnets @tool
fishing rod: fishing rods @sports
pipe: pipes @household
window: windows, french window, arched window @household
wheelchair: wheelchairs @household
stroller: strollers, pram, pushchair, baby carriage @household
tricycle: tricycles @vehicle
fire extinguisher: fire extinguishers, extinguisher @tool
jigsaw puzzle: jigsaw puzzles, puzzle, puzzles @household
aquarium: aquariums, fish tank @household
whiteboard: whiteboards, white board @tool
chimney: chimneys @outdoors
doormat: doormats @household
sponge: sponges @household
washing line: hanging clothes, clothes line @household
flower: flowers, blossom, bloom @plant
leaf/leaves @plant
shoe: shoes @clothing
ball: balls @sports
hat: hats @clothing
boat: boats @vehicle
tape: tapes, adhesive tape @tool
pair of tweezers/pairs of tweezers: tweezers, tweezer @tool
sickle: sickles @tool
spray can: spray cans, spray @tool
multimeter: multimeters @tool
weighing scale: weighing scales, scale, scales, weighing machine @tool
nail clipper: nail clippers, nail cutter @tool
`;
