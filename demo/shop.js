/*
 * Lantern & Leaf: the Deskbell demo shop.
 * Plain ES module, no build step, no dependencies. The shop keeps its own cart in localStorage;
 * the Deskbell widget is loaded separately by the <script src="/widget.js"> tag on each page.
 */

export const CART_KEY = 'lanternleaf-cart';
const MAX_QTY = 99;
const GIFT_WRAP_PRICE = 60;
const DISCOUNT_CODES = { WELCOME10: 0.1 };

export const CATEGORIES = { 'tea-home': 'Tea & home', 'wear-carry': 'Wear & carry' };

const SHIPPING_ZONES = {
  tw: { fee: 100, freeOver: 1500, eta: '1–2 business days' },
  asia: { fee: 450, freeOver: 4000, eta: '5–10 business days' },
  world: { fee: 650, freeOver: 4000, eta: '7–14 business days' },
};
const COUNTRY_ZONE = { TW: 'tw', TH: 'asia', HK: 'asia', MO: 'asia', CN: 'asia', JP: 'asia', KR: 'asia', SG: 'asia', MY: 'asia', VN: 'asia' };
const TAIWAN_ONLY_PAYMENTS = ['cod', 'cvs'];
const PAYMENT_LABELS = {
  card: 'Credit or debit card',
  linepay: 'LINE Pay',
  paypal: 'PayPal',
  cod: 'Cash on delivery',
  cvs: 'Pay at convenience-store pickup',
};

// ---------------------------------------------------------------- products

export const PRODUCTS = [
  {
    id: 'alishan-oolong',
    name: 'Alishan High-Mountain Oolong',
    category: 'tea-home',
    noun: 'tea',
    price: 1280,
    tone: 'amber',
    tagline: 'Spring-picked, lightly roasted. 75 g tin.',
    summary: 'A floral, creamy oolong grown at 1,400 m on Alishan, rolled by hand and packed in a resealable tin.',
    imageAlt: 'An amber tea tin with a cream label showing a green tea leaf',
    description: [
      'This is the tea we drink ourselves every morning. The leaves come from a family garden at about 1,400 metres on Alishan in Chiayi County, where cool mist rolls in most afternoons and slows the growth of the bushes. Slow growth means thicker leaves and a sweeter, rounder cup.',
      'The spring harvest is picked by hand in late April, withered in the sun, then tossed and rested through the night before being rolled into tight pearls. We ask for a very light roast, so the cup stays bright and floral: orchid and fresh butter on the nose, a creamy body, and a long, sweet finish that comes back up your throat a minute after you swallow.',
      'One 75 g tin makes about 15 pots gongfu-style, or 25 large mugs. The pearls open a little more with every infusion, so do not throw them out after the first pour: the third and fourth cups are often the best.',
      'Each tin is sealed with a nitrogen flush in our Taipei workroom and has an inner lid to keep air and light out once opened. The tin is made to be refilled; bring it to the showroom or order a refill pouch later.',
    ],
    details: [
      ['Origin', 'Alishan, Chiayi County, Taiwan (about 1,400 m)'],
      ['Harvest', 'Spring, hand-picked'],
      ['Roast', 'Light'],
      ['Net weight', '75 g, about 15 pots'],
      ['Tasting notes', 'Orchid, sweet cream, ripe pear'],
      ['Best before', '18 months from packing, unopened'],
    ],
    guide: {
      title: 'Brewing guide',
      caption: 'How to brew Alishan High-Mountain Oolong',
      head: ['Method', 'Leaf', 'Water', 'Time'],
      rows: [
        ['Gongfu (100 ml teapot or gaiwan)', '5 g', '95 °C', '50 s, then +10 s each round; 6–8 rounds'],
        ['Mug (350 ml)', '3 g', '90–95 °C', '3 min; 2–3 rounds'],
        ['Cold brew (1 litre)', '10 g', 'Cold filtered water', '6–8 hours in the fridge'],
      ],
    },
    art: `<ellipse cx="100" cy="176" rx="52" ry="7" fill="#000" opacity=".1"/>
<rect x="58" y="56" width="84" height="118" rx="8" fill="#c8752a"/>
<rect x="66" y="60" width="7" height="108" rx="3" fill="#fff" opacity=".25"/>
<rect x="54" y="40" width="92" height="30" rx="7" fill="#8f4a17"/>
<rect x="54" y="64" width="92" height="5" fill="#000" opacity=".12"/>
<rect x="58" y="92" width="84" height="56" fill="#f6ecd9"/>
<path d="M100 98c14 5 17 20 9 31-14-4-19-20-9-31z" fill="#2f6b4f"/>
<path d="M101 101c1 9 3 17 8 27" fill="none" stroke="#f6ecd9" stroke-width="2"/>
<rect x="78" y="135" width="44" height="4" rx="2" fill="#8f4a17"/>
<rect x="86" y="142" width="28" height="3" rx="1.5" fill="#c8752a"/>`,
  },
  {
    id: 'celadon-mug',
    name: 'Celadon Stoneware Mug',
    category: 'tea-home',
    noun: 'mug',
    price: 680,
    tone: 'green',
    tagline: 'Hand-thrown in Yingge. Holds 350 ml.',
    summary: 'A generous, hand-thrown mug in a soft celadon glaze that pools darker where it gathers.',
    imageAlt: 'A pale green celadon mug with a round handle and steam rising from the tea',
    description: [
      'Our mugs are thrown on the wheel by a small studio in Yingge, the pottery town south-west of Taipei, and fired to 1,250 °C so they are tough enough for daily use. The celadon glaze is mixed by the studio from wood ash and a little iron, which gives it that quiet sea-glass green.',
      'Because every mug is made by hand, no two are quite the same: the glaze runs thicker in some places and pools darker around the foot, and the size can vary by a few millimetres. We think that is the point.',
      'The wide, comfortable handle fits three fingers, and the slightly flared lip makes tea and coffee pleasant to drink. At 350 ml it is large enough for a proper morning mug and still light in the hand.',
      'The unglazed foot is sanded smooth so it will not scratch your table. Pair it with a tin of oolong for a gift that does not need wrapping twice: we pack them together in one box.',
    ],
    details: [
      ['Capacity', '350 ml'],
      ['Size', '9 cm across, 10 cm tall (handle adds 3.5 cm)'],
      ['Material', 'Stoneware, lead-free celadon glaze'],
      ['Care', 'Dishwasher and microwave safe'],
      ['Made in', 'Yingge, New Taipei City'],
    ],
    art: `<ellipse cx="100" cy="174" rx="62" ry="8" fill="#000" opacity=".1"/>
<path d="M78 44c-5-8 5-12 0-22M98 44c-5-8 5-12 0-22M118 44c-5-8 5-12 0-22" fill="none" stroke="#8aa898" stroke-width="4" stroke-linecap="round"/>
<path d="M136 84h10a22 22 0 0 1 0 44h-10" fill="none" stroke="#7fa893" stroke-width="12"/>
<path d="M48 60h96v86a24 24 0 0 1-24 24H72a24 24 0 0 1-24-24z" fill="#a9c9b4"/>
<path d="M48 60h96v36c-10 7-18-3-28 3s-16 7-26 0-16 1-26 3-12-3-16-6z" fill="#8fb59d"/>
<rect x="56" y="66" width="8" height="84" rx="4" fill="#fff" opacity=".3"/>
<ellipse cx="96" cy="60" rx="48" ry="9" fill="#93bba1"/>
<ellipse cx="96" cy="60" rx="42" ry="6" fill="#6b4a2b"/>`,
  },
  {
    id: 'tasting-notebook',
    name: 'Tea Tasting Notebook',
    category: 'tea-home',
    noun: 'notebook',
    price: 380,
    tone: 'blue',
    tagline: 'A5, dot grid, lies flat. 160 pages.',
    summary: 'A lay-flat A5 notebook with dot-grid pages and a tasting-notes template at the back.',
    imageAlt: 'A navy blue notebook with a cream label, an orange elastic band and a ribbon bookmark',
    description: [
      'We made this notebook for our own tea tastings and kept being asked where to buy one. It is A5, bound with an open spine so it lies completely flat on the table while you write, and the cloth cover is stiff enough to write on your knee.',
      'Inside are 160 pages of 100 gsm cream paper printed with a light 5 mm dot grid. The paper takes fountain pen and brush pen without feathering and with very little show-through, so you can use both sides.',
      'The last 24 pages are a simple tasting template: tea, origin, water, time, colour of the cup, aroma, taste, and a small circle to sketch the leaf. Fill them in over a year and you will be surprised how much your palate changes.',
      'It comes with an elastic closure, a ribbon bookmark and a pocket inside the back cover for tea labels and receipts.',
    ],
    details: [
      ['Size', 'A5 (14.8 × 21 cm)'],
      ['Pages', '160 pages, 100 gsm cream paper, 5 mm dot grid'],
      ['Binding', 'Open spine, lies flat'],
      ['Extras', 'Elastic band, ribbon bookmark, back pocket'],
      ['Made in', 'Taichung, Taiwan'],
    ],
    art: `<ellipse cx="104" cy="176" rx="56" ry="7" fill="#000" opacity=".1"/>
<path d="M116 166v22l8-6 8 6v-22z" fill="#c8752a"/>
<rect x="52" y="28" width="104" height="144" rx="6" fill="#2e4a66"/>
<rect x="52" y="28" width="16" height="144" rx="5" fill="#243c54"/>
<rect x="136" y="28" width="7" height="144" fill="#c8752a"/>
<rect x="78" y="58" width="46" height="30" rx="3" fill="#f6ecd9"/>
<rect x="86" y="67" width="30" height="4" rx="2" fill="#2e4a66"/>
<rect x="90" y="76" width="22" height="3" rx="1.5" fill="#8f4a17"/>
<path d="M100 112c12 4 15 16 8 25-12-3-16-16-8-25z" fill="none" stroke="#7d97b3" stroke-width="3"/>`,
  },
  {
    id: 'market-tote',
    name: 'Dadaocheng Canvas Tote',
    category: 'wear-carry',
    noun: 'tote',
    price: 890,
    tone: 'sand',
    tagline: 'Heavy cotton canvas with an inside pocket.',
    summary: 'A sturdy market tote in undyed cotton canvas, printed with our leaf by a screen printer on Dihua Street.',
    imageAlt: 'A cream canvas tote bag with brown handles and a green leaf printed on the front',
    description: [
      'Named after the old tea-trading district of Taipei where our showroom is, this is the bag we carry to the morning market. It is cut from 16 oz undyed cotton canvas, heavy enough to stand up on its own when empty and to carry a week of groceries when full.',
      'The handles are 65 cm long, so it sits comfortably on the shoulder even over a winter coat, and they are box-stitched at both ends so they will not pull away. Inside there is a flat pocket for your phone and keys, and a small loop to clip them to.',
      'The leaf is screen-printed by hand, two streets from our shop, with water-based ink that softens with every wash. Slight differences in the print are part of the handwork.',
      'Undyed canvas will soften and crease with use, and may shrink by up to 3% in a hot wash. Wash cold and dry flat to keep its shape.',
    ],
    details: [
      ['Size', '38 cm wide, 40 cm tall, 12 cm gusset'],
      ['Handles', '65 cm, box-stitched'],
      ['Material', '16 oz undyed cotton canvas'],
      ['Inside', 'Flat pocket and key loop'],
      ['Care', 'Wash cold, dry flat, iron on the reverse'],
    ],
    art: `<ellipse cx="100" cy="176" rx="60" ry="7" fill="#000" opacity=".1"/>
<path d="M70 84c0-46 60-46 60 0" fill="none" stroke="#6e5235" stroke-width="8" stroke-linecap="round"/>
<path d="M82 84c0-34 36-34 36 0" fill="none" stroke="#8a6a45" stroke-width="8" stroke-linecap="round"/>
<path d="M42 78h116l-9 94H51z" fill="#ece1c9"/>
<path d="M42 78h116l-1 10H43z" fill="#d9c9a4"/>
<path d="M50 96h100" stroke="#c9b68e" stroke-width="2" stroke-dasharray="5 4"/>
<path d="M100 108c20 5 24 24 14 38-20-5-25-24-14-38z" fill="#2f6b4f"/>
<path d="M101 112c2 10 5 20 12 31" fill="none" stroke="#ece1c9" stroke-width="2"/>`,
  },
  {
    id: 'leaf-tee',
    name: 'Leaf Print Organic Tee',
    category: 'wear-carry',
    noun: 'T-shirt',
    price: 790,
    tone: 'sage',
    tagline: 'Organic cotton, relaxed fit. Sizes XS–XL.',
    summary: 'A soft, relaxed T-shirt in organic cotton with a small leaf printed on the chest.',
    imageAlt: 'A sage green T-shirt with a small leaf printed on the chest',
    sizes: ['XS', 'S', 'M', 'L', 'XL'],
    defaultSize: 'M',
    description: [
      'A plain T-shirt done properly: 200 gsm organic cotton jersey, knitted and garment-dyed in Taoyuan, with a ribbed collar that keeps its shape after many washes. The colour is a muted sage that goes with almost everything.',
      'The fit is relaxed but not oversized, with slightly dropped shoulders and a straight hem that sits at the hip. If you are between sizes, or you like a looser fit, choose one size up. The model in our showroom is 170 cm tall and wears size M.',
      'The small leaf on the chest is printed with water-based ink, the same one we use on our totes, so it stays soft and breathable. Garment dyeing means each shirt is washed before it reaches you, so there is almost no shrinkage.',
      'Not sure about the size? Exchanges for a different size are free within Taiwan (see the size guide below, or ask us in the chat).',
    ],
    details: [
      ['Fit', 'Relaxed, slightly dropped shoulder'],
      ['Material', '100% organic cotton jersey, 200 gsm'],
      ['Colour', 'Sage green, garment-dyed'],
      ['Care', 'Wash cold inside out, do not tumble dry'],
      ['Made in', 'Taoyuan, Taiwan'],
    ],
    guide: {
      title: 'Size guide',
      caption: 'T-shirt measurements in centimetres, measured flat',
      head: ['Size', 'Chest width', 'Body length', 'Fits chest'],
      rows: [
        ['XS', '46 cm', '64 cm', '80–86 cm'],
        ['S', '49 cm', '67 cm', '86–92 cm'],
        ['M', '52 cm', '70 cm', '92–98 cm'],
        ['L', '55 cm', '73 cm', '98–104 cm'],
        ['XL', '58 cm', '75 cm', '104–110 cm'],
      ],
    },
    art: `<ellipse cx="100" cy="180" rx="56" ry="6" fill="#000" opacity=".1"/>
<path d="M72 34 30 56l14 34 20-9v93h72V81l20 9 14-34-42-22c-4 13-15 20-28 20s-24-7-28-20z" fill="#7f9c88"/>
<path d="M30 56l14 34 6-3-14-33zM170 56l-14 34-6-3 14-33z" fill="#6a8673"/>
<path d="M72 34c4 13 15 20 28 20s24-7 28-20" fill="none" stroke="#5c7865" stroke-width="5"/>
<path d="M120 82c8 3 10 12 5 18-8-2-11-11-5-18z" fill="#f6ecd9"/>`,
  },
  {
    id: 'trail-sneakers',
    name: 'Lantern Canvas Sneakers',
    category: 'wear-carry',
    noun: 'pair of sneakers',
    price: 2480,
    tone: 'slate',
    tagline: 'Canvas and natural rubber. EU 36–45.',
    summary: 'Low-top canvas sneakers on a natural-rubber sole, made to walk the old streets of Taipei all day.',
    imageAlt: 'A slate blue low-top canvas sneaker with a cream rubber sole and an orange stripe',
    sizes: ['EU 36', 'EU 37', 'EU 38', 'EU 39', 'EU 40', 'EU 41', 'EU 42', 'EU 43', 'EU 44', 'EU 45'],
    defaultSize: 'EU 40',
    description: [
      'We wanted one pair of shoes for the showroom floor, the market, and the long walk home along the river. These are it: a low-top in washed cotton canvas on a vulcanised natural-rubber sole, made by a family workshop in Taichung that has been making canvas shoes since 1978.',
      'The footbed is a removable cork-and-latex insole that shapes itself to your foot in the first week. The canvas is lined with soft cotton drill, so they are comfortable without socks on hot days, and the sole has a shallow tread that grips wet tiles.',
      'They fit true to size for most people. If you have wide feet, or you are between sizes, go half a size up, which on our EU sizing means the next size. Use the foot-length column in the size guide: stand on a sheet of paper, mark your heel and longest toe, and measure.',
      'Canvas will fade gently and take on the shape of your walk. Brush off dry mud, spot-clean with cold water and mild soap, and let them dry away from direct sun. Please do not put them in the washing machine.',
    ],
    details: [
      ['Upper', 'Washed cotton canvas, cotton lining'],
      ['Sole', 'Vulcanised natural rubber'],
      ['Insole', 'Removable cork and latex'],
      ['Fit', 'True to size; wide feet go one size up'],
      ['Made in', 'Taichung, Taiwan'],
    ],
    guide: {
      title: 'Size guide',
      caption: 'Sneaker sizes with foot length',
      head: ['EU', 'UK', 'US (men)', 'US (women)', 'Foot length'],
      rows: [
        ['36', '3.5', '4', '5.5', '22.8 cm'],
        ['37', '4', '5', '6.5', '23.5 cm'],
        ['38', '5', '5.5', '7', '24.1 cm'],
        ['39', '6', '6.5', '8', '24.8 cm'],
        ['40', '6.5', '7', '8.5', '25.4 cm'],
        ['41', '7', '8', '9.5', '26.0 cm'],
        ['42', '8', '8.5', '10', '26.7 cm'],
        ['43', '9', '9.5', '11', '27.3 cm'],
        ['44', '9.5', '10', '11.5', '28.0 cm'],
        ['45', '10.5', '11', '12.5', '28.6 cm'],
      ],
    },
    art: `<ellipse cx="104" cy="166" rx="82" ry="7" fill="#000" opacity=".1"/>
<path d="M28 142c0-26 8-40 22-46l34-16c6 14 20 22 36 22 12 0 22 4 32 10 20 8 30 16 32 30z" fill="#4b6b82"/>
<path d="M140 112c18 4 34 14 38 30h-46c-2-12 0-22 8-30z" fill="#f4efe6"/>
<path d="M84 80c6 14 20 22 36 22" fill="none" stroke="#2f4a5c" stroke-width="6" stroke-linecap="round"/>
<path d="M92 90l-10 14M104 96l-9 14M116 99l-7 14" stroke="#f4efe6" stroke-width="4" stroke-linecap="round"/>
<circle cx="50" cy="116" r="3" fill="#f4efe6"/>
<path d="M22 140h160a6 6 0 0 1 6 6v4a10 10 0 0 1-10 10H32a10 10 0 0 1-10-10z" fill="#f4efe6"/>
<path d="M24 149h162" stroke="#c8752a" stroke-width="3"/>`,
  },
];

const byId = new Map(PRODUCTS.map((p) => [p.id, p]));

// ---------------------------------------------------------------- helpers

export const formatPrice = (n) => 'NT$' + Math.round(n).toLocaleString('en-US');

function esc(value) {
  const map = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return String(value).replace(/[&<>"']/g, (c) => map[c]);
}

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

function clampQty(value) {
  const n = Math.floor(Number(value));
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, MAX_QTY);
}

function art(product, extraClass = '') {
  return `<svg class="art ${extraClass}" viewBox="0 0 200 200" role="img" aria-label="${esc(product.imageAlt)}" focusable="false">${product.art}</svg>`;
}

const productUrl = (p) => `product.html?id=${encodeURIComponent(p.id)}`;

// ---------------------------------------------------------------- cart storage

let memoryCart = []; // used when localStorage is unavailable (private mode, blocked storage)

const lineKey = (line) => `${line.id}|${line.size || ''}`;

function sanitizeCart(raw) {
  if (!Array.isArray(raw)) return [];
  const out = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object') continue;
    const product = byId.get(item.id);
    if (!product) continue;
    let size = null;
    if (product.sizes) {
      if (!product.sizes.includes(item.size)) continue;
      size = item.size;
    }
    const qty = clampQty(item.qty);
    const existing = out.find((l) => l.id === product.id && (l.size || null) === size);
    if (existing) existing.qty = Math.min(MAX_QTY, existing.qty + qty);
    else out.push(size ? { id: product.id, size, qty } : { id: product.id, qty });
  }
  return out;
}

export function readCart() {
  let text;
  try {
    text = localStorage.getItem(CART_KEY);
  } catch {
    return sanitizeCart(memoryCart);
  }
  try {
    return sanitizeCart(JSON.parse(text || '[]'));
  } catch {
    return [];
  }
}

function writeCart(lines) {
  memoryCart = lines;
  try {
    localStorage.setItem(CART_KEY, JSON.stringify(lines));
  } catch {
    /* storage unavailable: the in-memory cart still works for this page */
  }
  renderCartCount(lines);
  notifyCartUpdated(lines);
}

export function cartTotals(lines) {
  let items = 0;
  let subtotal = 0;
  for (const line of lines) {
    items += line.qty;
    subtotal += byId.get(line.id).price * line.qty;
  }
  return { items, subtotal };
}

/** Tell the Deskbell widget (if it is loaded) that the cart changed. Never let it break the shop. */
function notifyCartUpdated(lines) {
  const { items, subtotal } = cartTotals(lines);
  try {
    if (window.Deskbell && window.Deskbell.track) window.Deskbell.track('cart_updated', { value: subtotal, items: items });
  } catch (err) {
    console.warn('[Lantern & Leaf] Deskbell.track failed:', err);
  }
}

function addToCart(id, size, qty) {
  const lines = readCart();
  const key = lineKey({ id, size });
  const existing = lines.find((l) => lineKey(l) === key);
  if (existing) existing.qty = Math.min(MAX_QTY, existing.qty + qty);
  else lines.push(size ? { id, size, qty } : { id, qty });
  writeCart(lines);
}

// ---------------------------------------------------------------- shared header

function renderCartCount(lines = readCart()) {
  const { items } = cartTotals(lines);
  for (const el of $$('[data-testid="cart-count"]')) {
    el.textContent = String(items);
    el.dataset.count = String(items);
  }
  for (const el of $$('.cart-count-unit')) el.textContent = items === 1 ? ' item' : ' items';
}

function bumpCartCount() {
  for (const el of $$('[data-testid="cart-count"]')) {
    el.classList.remove('is-bumped');
    void el.offsetWidth; // restart the animation
    el.classList.add('is-bumped');
  }
}

function markCurrentNav(page) {
  let current = null;
  if (page === 'home') {
    const category = new URLSearchParams(location.search).get('category');
    current = CATEGORIES[category] ? category : 'all';
  } else if (page === 'cart') {
    current = 'cart';
  }
  for (const link of $$('[data-nav]')) {
    if (link.dataset.nav === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

// ---------------------------------------------------------------- home

function cardHtml(p) {
  return `<li class="card" data-testid="product-card" data-product-id="${esc(p.id)}">
  <div class="card__art tone-${p.tone}">${art(p)}</div>
  <div class="card__body">
    <h3 class="card__name"><a class="card__link" href="${productUrl(p)}" data-testid="product-link">${esc(p.name)}</a></h3>
    <p class="card__tagline">${esc(p.tagline)}</p>
    <p class="card__price" data-testid="product-price" data-value="${p.price}">${formatPrice(p.price)}</p>
  </div>
</li>`;
}

function renderHome() {
  const category = new URLSearchParams(location.search).get('category');
  const active = CATEGORIES[category] ? category : null;
  const list = active ? PRODUCTS.filter((p) => p.category === active) : PRODUCTS;
  const heading = $('#products-heading');
  if (heading) heading.textContent = active ? CATEGORIES[active] : 'All products';
  const grid = $('[data-testid="product-grid"]');
  if (grid) grid.innerHTML = list.map(cardHtml).join('');
  for (const chip of $$('[data-filter]')) {
    if (chip.dataset.filter === (active || 'all')) chip.setAttribute('aria-current', 'page');
    else chip.removeAttribute('aria-current');
  }
  if (active) document.title = `${CATEGORIES[active]} | Lantern & Leaf`;
}

// ---------------------------------------------------------------- product page

function guideHtml(guide) {
  if (!guide) return '';
  return `<h3>${esc(guide.title)}</h3>
<div class="table-wrap" role="region" aria-label="${esc(guide.caption)}" tabindex="0">
  <table class="guide-table">
    <caption class="visually-hidden">${esc(guide.caption)}</caption>
    <thead><tr>${guide.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
    <tbody>${guide.rows.map((r) => `<tr><th scope="row">${esc(r[0])}</th>${r.slice(1).map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody>
  </table>
</div>`;
}

function renderProduct() {
  const root = $('#product-root');
  const id = new URLSearchParams(location.search).get('id');
  const p = id ? byId.get(id) : undefined;
  if (!p) {
    document.title = 'Product not found | Lantern & Leaf';
    root.innerHTML = `<div class="notice" data-testid="product-not-found">
  <h1>We couldn’t find that product</h1>
  <p>It may have sold out, or the link may be mistyped.</p>
  <p><a class="button button--primary" href="index.html">Browse all products</a></p>
</div>`;
    return;
  }
  document.title = `${p.name} | Lantern & Leaf`;
  const sizeField = p.sizes
    ? `<div class="field">
        <label for="size">Size</label>
        <select id="size" name="size" data-testid="size-select">${p.sizes
          .map((s) => `<option value="${esc(s)}"${s === p.defaultSize ? ' selected' : ''}>${esc(s)}</option>`)
          .join('')}</select>
        <a class="field__hint" href="#details-heading">Size guide</a>
      </div>`
    : '';
  const related = PRODUCTS.filter((x) => x.id !== p.id)
    .sort((a, b) => (a.category === p.category ? 0 : 1) - (b.category === p.category ? 0 : 1))
    .slice(0, 3);

  root.innerHTML = `<nav class="breadcrumb" aria-label="Breadcrumb">
  <ol>
    <li><a href="index.html">Shop</a></li>
    <li><a href="index.html?category=${p.category}">${esc(CATEGORIES[p.category])}</a></li>
    <li><span aria-current="page">${esc(p.name)}</span></li>
  </ol>
</nav>
<article class="product" data-testid="product-detail" data-product-id="${esc(p.id)}">
  <div class="product__art tone-${p.tone}">${art(p)}</div>
  <div class="product__info">
    <p class="eyebrow">${esc(CATEGORIES[p.category])}</p>
    <h1 class="product__name" data-testid="product-name">${esc(p.name)}</h1>
    <p class="product__price" data-testid="product-price" data-value="${p.price}">${formatPrice(p.price)}</p>
    <p class="product__lead">${esc(p.summary)}</p>
    <form class="buy-box" data-testid="add-to-cart-form">
      <div class="buy-box__fields">
        ${sizeField}
        <div class="field field--qty">
          <label for="qty">Quantity</label>
          <input id="qty" name="qty" type="number" inputmode="numeric" min="1" max="${MAX_QTY}" value="1" required data-testid="quantity-input">
        </div>
      </div>
      <button class="button button--primary button--block" type="submit" data-testid="add-to-cart">Add to cart</button>
      <p class="buy-box__status" role="status" data-testid="cart-status"></p>
    </form>
    <ul class="perks">
      <li>Ships from Taipei within 1 business day</li>
      <li>Free delivery in Taiwan over NT$1,500</li>
      <li>14-day returns</li>
    </ul>
  </div>
</article>
<section class="product-section" aria-labelledby="about-heading">
  <h2 id="about-heading">About this ${esc(p.noun)}</h2>
  ${p.description.map((t) => `<p>${esc(t)}</p>`).join('\n  ')}
</section>
<section class="product-section" aria-labelledby="details-heading" data-testid="size-guide">
  <h2 id="details-heading" tabindex="-1">${p.guide && p.guide.title === 'Size guide' ? 'Details & size guide' : 'Details'}</h2>
  <dl class="details">${p.details.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
  ${guideHtml(p.guide)}
</section>
<section class="product-section" aria-labelledby="shipping-heading">
  <h2 id="shipping-heading">Shipping &amp; returns</h2>
  <p>Orders placed before 2 pm Taiwan time on a weekday leave our Taipei workroom the same day. In Taiwan we deliver to your door or to any 7-ELEVEN or FamilyMart in 1–2 business days (NT$100, free over NT$1,500). Thailand and the rest of Asia take 5–10 business days, and the rest of the world 7–14.</p>
  <p>Changed your mind? Return unused items within 14 days of delivery for a full refund. For food-safety reasons, opened tea can only be returned if something is wrong with it.</p>
</section>
<section class="product-section related" aria-labelledby="related-heading">
  <h2 id="related-heading">You might also like</h2>
  <ul class="product-grid product-grid--related">${related.map(cardHtml).join('')}</ul>
</section>`;

  const form = $('[data-testid="add-to-cart-form"]', root);
  const status = $('[data-testid="cart-status"]', root);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const qty = clampQty(form.elements.qty.value);
    const size = p.sizes ? form.elements.size.value : null;
    addToCart(p.id, size, qty);
    bumpCartCount();
    status.innerHTML = `Added ${qty} × ${esc(p.name)}${size ? ` (${esc(size)})` : ''} to your cart. <a href="cart.html">View cart</a>`;
  });
}

// ---------------------------------------------------------------- cart page

function shippingNote(subtotal) {
  const left = SHIPPING_ZONES.tw.freeOver - subtotal;
  if (left > 0) return `Add ${formatPrice(left)} more for free delivery in Taiwan.`;
  return 'Your order qualifies for free delivery in Taiwan.';
}

function cartLineHtml(line, index) {
  const p = byId.get(line.id);
  const name = esc(p.name);
  return `<li class="cart-line" data-testid="cart-item" data-product-id="${esc(p.id)}"${line.size ? ` data-size="${esc(line.size)}"` : ''} data-key="${esc(lineKey(line))}">
  <div class="cart-line__art tone-${p.tone}">${art(p)}</div>
  <div class="cart-line__info">
    <h2 class="cart-line__name"><a href="${productUrl(p)}">${name}</a></h2>
    ${line.size ? `<p class="cart-line__meta">Size: ${esc(line.size)}</p>` : ''}
    <p class="cart-line__meta">${formatPrice(p.price)} each</p>
  </div>
  <div class="qty">
    <label class="qty__label" for="cart-qty-${index}">Quantity<span class="visually-hidden"> of ${name}${line.size ? `, size ${esc(line.size)}` : ''}</span></label>
    <div class="qty__controls">
      <button type="button" class="qty__btn" data-action="decrease" data-testid="cart-qty-decrease" aria-label="One fewer ${name}"${line.qty <= 1 ? ' aria-disabled="true"' : ''}>−</button>
      <input id="cart-qty-${index}" class="qty__input" type="number" inputmode="numeric" min="1" max="${MAX_QTY}" value="${line.qty}" data-testid="cart-qty">
      <button type="button" class="qty__btn" data-action="increase" data-testid="cart-qty-increase" aria-label="One more ${name}"${line.qty >= MAX_QTY ? ' aria-disabled="true"' : ''}>+</button>
    </div>
  </div>
  <p class="cart-line__total"><span class="visually-hidden">Line total: </span><span data-testid="cart-line-total">${formatPrice(p.price * line.qty)}</span></p>
  <button type="button" class="link-button cart-line__remove" data-action="remove" data-testid="cart-remove">Remove<span class="visually-hidden"> ${name}</span></button>
</li>`;
}

function renderCart() {
  const root = $('#cart-root');
  const lines = readCart();
  if (!lines.length) {
    root.innerHTML = `<div class="notice" data-testid="cart-empty">
  <p>Your cart is empty.</p>
  <p><a class="button button--primary" href="index.html">Start shopping</a></p>
</div>`;
    return;
  }
  const { items, subtotal } = cartTotals(lines);
  root.innerHTML = `<div class="cart-layout">
  <ul class="cart-lines" aria-label="Items in your cart">${lines.map(cartLineHtml).join('')}</ul>
  <aside class="summary" aria-labelledby="summary-heading">
    <h2 id="summary-heading">Order summary</h2>
    <dl class="summary__rows">
      <div><dt>Items</dt><dd data-testid="cart-items">${items}</dd></div>
      <div class="summary__total"><dt>Subtotal</dt><dd data-testid="cart-subtotal" data-value="${subtotal}">${formatPrice(subtotal)}</dd></div>
    </dl>
    <p class="summary__note" data-testid="shipping-note">${shippingNote(subtotal)}</p>
    <p class="summary__note">Shipping and any discount code are worked out at checkout.</p>
    <a class="button button--primary button--block" href="checkout.html" data-testid="checkout-button">Checkout</a>
    <p class="summary__continue"><a href="index.html">Continue shopping</a></p>
  </aside>
</div>`;
}

/** Update totals in place (no re-render) so focus and typing in quantity boxes are never disturbed. */
function refreshCartTotals(lines) {
  const root = $('#cart-root');
  for (const li of $$('[data-testid="cart-item"]', root)) {
    const line = lines.find((l) => lineKey(l) === li.dataset.key);
    if (!line) continue;
    $('[data-testid="cart-line-total"]', li).textContent = formatPrice(byId.get(line.id).price * line.qty);
    const input = $('[data-testid="cart-qty"]', li);
    if (document.activeElement !== input) input.value = String(line.qty);
    toggleAriaDisabled($('[data-action="decrease"]', li), line.qty <= 1);
    toggleAriaDisabled($('[data-action="increase"]', li), line.qty >= MAX_QTY);
  }
  const { items, subtotal } = cartTotals(lines);
  const subtotalEl = $('[data-testid="cart-subtotal"]', root);
  subtotalEl.textContent = formatPrice(subtotal);
  subtotalEl.dataset.value = String(subtotal);
  $('[data-testid="cart-items"]', root).textContent = String(items);
  $('[data-testid="shipping-note"]', root).textContent = shippingNote(subtotal);
}

function toggleAriaDisabled(el, disabled) {
  if (disabled) el.setAttribute('aria-disabled', 'true');
  else el.removeAttribute('aria-disabled');
}

function setLineQty(key, qty) {
  const lines = readCart();
  const line = lines.find((l) => lineKey(l) === key);
  if (!line || line.qty === qty) return;
  line.qty = qty;
  writeCart(lines);
  refreshCartTotals(lines);
}

function setupCartPage() {
  const root = $('#cart-root');
  const announcer = $('#cart-announcer');
  renderCart();

  root.addEventListener('click', (event) => {
    const button = event.target.closest('[data-action]');
    if (!button) return;
    const li = button.closest('[data-testid="cart-item"]');
    const key = li.dataset.key;
    const line = readCart().find((l) => lineKey(l) === key);
    if (!line) return renderCart();
    const action = button.dataset.action;
    if (action === 'increase' && line.qty < MAX_QTY) setLineQty(key, line.qty + 1);
    else if (action === 'decrease' && line.qty > 1) setLineQty(key, line.qty - 1);
    else if (action === 'remove') {
      const lines = readCart().filter((l) => lineKey(l) !== key);
      writeCart(lines);
      renderCart();
      announcer.textContent = `Removed ${byId.get(line.id).name} from your cart.`;
      $('#cart-heading').focus();
    }
  });

  // `input` keeps totals live while typing (and for tools that only fire input events);
  // `change` tidies the box when the shopper leaves it (empty, 0 or 150 become 1 or 99).
  root.addEventListener('input', (event) => {
    const input = event.target;
    if (!input.matches('[data-testid="cart-qty"]')) return;
    const n = Number(input.value);
    if (input.value === '' || !Number.isInteger(n) || n < 1) return;
    setLineQty(input.closest('[data-testid="cart-item"]').dataset.key, clampQty(n));
  });
  root.addEventListener('change', (event) => {
    const input = event.target;
    if (!input.matches('[data-testid="cart-qty"]')) return;
    const qty = clampQty(input.value);
    input.value = String(qty);
    setLineQty(input.closest('[data-testid="cart-item"]').dataset.key, qty);
  });
}

// ---------------------------------------------------------------- checkout page

function setupCheckoutPage() {
  const form = $('#checkout-form');
  const content = $('#checkout-content');
  const empty = $('[data-testid="checkout-empty"]');
  const confirmation = $('[data-testid="order-confirmation"]');
  const summary = $('#checkout-summary');
  const codeInput = $('#discount-code');
  const codeStatus = $('#discount-status');
  let discountCode = null;
  let orderPlaced = false;

  const zoneFor = (country) => SHIPPING_ZONES[COUNTRY_ZONE[country] || 'world'];

  function totals() {
    const lines = readCart();
    const { items, subtotal } = cartTotals(lines);
    const zone = zoneFor(form.elements.country.value);
    const shipping = subtotal >= zone.freeOver ? 0 : zone.fee;
    const discount = discountCode ? Math.round(subtotal * DISCOUNT_CODES[discountCode]) : 0;
    const giftWrap = form.elements.giftWrap.checked ? GIFT_WRAP_PRICE : 0;
    return { lines, items, subtotal, zone, shipping, discount, giftWrap, total: subtotal - discount + shipping + giftWrap };
  }

  function renderSummary() {
    if (orderPlaced) return;
    const t = totals();
    const hasItems = t.lines.length > 0;
    content.hidden = !hasItems;
    empty.hidden = hasItems;
    if (!hasItems) return;
    summary.innerHTML = `<ul class="summary__lines">${t.lines
      .map((l) => {
        const p = byId.get(l.id);
        return `<li><span>${l.qty} × ${esc(p.name)}${l.size ? ` <span class="muted">(${esc(l.size)})</span>` : ''}</span><span>${formatPrice(p.price * l.qty)}</span></li>`;
      })
      .join('')}</ul>
<dl class="summary__rows">
  <div><dt>Subtotal</dt><dd data-testid="checkout-subtotal" data-value="${t.subtotal}">${formatPrice(t.subtotal)}</dd></div>
  ${t.discount ? `<div><dt>Discount (${esc(discountCode)})</dt><dd data-testid="checkout-discount" data-value="${t.discount}">−${formatPrice(t.discount)}</dd></div>` : ''}
  <div><dt>Shipping <span class="muted">(${esc(t.zone.eta)})</span></dt><dd data-testid="checkout-shipping" data-value="${t.shipping}">${t.shipping ? formatPrice(t.shipping) : 'Free'}</dd></div>
  ${t.giftWrap ? `<div><dt>Gift wrap</dt><dd>${formatPrice(t.giftWrap)}</dd></div>` : ''}
  <div class="summary__total"><dt>Total</dt><dd data-testid="checkout-total" data-value="${t.total}">${formatPrice(t.total)}</dd></div>
</dl>
<p class="summary__note"><a href="cart.html">Edit cart</a></p>`;
  }

  function syncPaymentOptions() {
    const inTaiwan = form.elements.country.value === 'TW';
    for (const radio of $$('input[name="payment"]', form)) {
      if (!TAIWAN_ONLY_PAYMENTS.includes(radio.value)) continue;
      radio.disabled = !inTaiwan;
      if (!inTaiwan && radio.checked) form.elements.payment.value = 'card';
    }
  }

  function applyCode() {
    const code = codeInput.value.trim().toUpperCase();
    if (!code) {
      discountCode = null;
      codeStatus.textContent = '';
    } else if (DISCOUNT_CODES[code]) {
      discountCode = code;
      codeStatus.textContent = `Code ${code} applied: ${Math.round(DISCOUNT_CODES[code] * 100)}% off your items.`;
      codeInput.removeAttribute('aria-invalid');
    } else {
      discountCode = null;
      codeStatus.textContent = `Sorry, “${codeInput.value.trim()}” isn’t a valid code.`;
      codeInput.setAttribute('aria-invalid', 'true');
    }
    renderSummary();
  }

  form.elements.country.addEventListener('change', () => {
    syncPaymentOptions();
    renderSummary();
  });
  form.elements.giftWrap.addEventListener('change', () => {
    $('#gift-message-field').hidden = !form.elements.giftWrap.checked;
    renderSummary();
  });
  $('[data-testid="apply-discount"]').addEventListener('click', applyCode);
  codeInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault(); // don't place the order from the discount box
      applyCode();
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const t = totals();
    if (!t.lines.length) return renderSummary();
    orderPlaced = true;
    const orderNumber = 'LL-' + String(Math.floor(100000 + Math.random() * 900000));
    const name = form.elements.name.value.trim();
    const payment = form.elements.payment.value;
    const countryLabel = form.elements.country.selectedOptions[0].textContent;

    $('#confirm-heading').textContent = `Thank you, ${name.split(/\s+/)[0]}!`;
    $('[data-testid="order-number"]').textContent = orderNumber;
    $('#confirm-email').textContent = form.elements.email.value.trim();
    $('#confirm-total').textContent = formatPrice(t.total);
    $('#confirm-payment').textContent = PAYMENT_LABELS[payment] || payment;
    $('#confirm-delivery').textContent = `${countryLabel}, usually ${t.zone.eta}`;
    confirmation.dataset.orderNumber = orderNumber;
    confirmation.dataset.total = String(t.total);

    writeCart([]); // the order is placed: empty the cart (this also notifies Deskbell)
    $('#checkout-heading').hidden = true;
    content.hidden = true;
    empty.hidden = true;
    confirmation.hidden = false;
    document.title = 'Order confirmed | Lantern & Leaf';
    window.scrollTo({ top: 0, behavior: 'instant' });
    confirmation.focus({ preventScroll: true });
  });

  syncPaymentOptions();
  renderSummary();
  return renderSummary;
}

// ---------------------------------------------------------------- start

function init() {
  const page = document.body.dataset.page;
  document.documentElement.classList.add('js');
  renderCartCount();
  markCurrentNav(page);
  let refreshCheckout = null;
  if (page === 'home') renderHome();
  else if (page === 'product') renderProduct();
  else if (page === 'cart') setupCartPage();
  else if (page === 'checkout') refreshCheckout = setupCheckoutPage();

  // Keep every open tab in step when the cart changes in another one.
  window.addEventListener('storage', (event) => {
    if (event.key !== CART_KEY && event.key !== null) return;
    renderCartCount();
    if (page === 'cart') renderCart();
    if (refreshCheckout) refreshCheckout();
  });
}

if (typeof document !== 'undefined') init();
