/**
 * The storefront's stylesheet (served as /assets/shop.css). Colours keep at least 4.5:1 contrast
 * on their backgrounds; layouts collapse to one column on phones.
 */
export const STYLESHEET = `
:root { --ink: #1b1b1f; --muted: #4a4a55; --brand: #0b4f9c; --brand-dark: #083a73; --bg: #f6f6f8;
  --line: #d0d0d8; --ok: #176b2c; --warn: #8a4b00; --bad: #a11d1d; --radius: 8px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; line-height: 1.5; }
a { color: var(--brand); }
a:hover { color: var(--brand-dark); }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; z-index: 10; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
header.site { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: center;
  padding: .75rem 1.25rem; background: var(--brand-dark); color: #fff; }
header.site a { color: #fff; }
header.site .brand { font-weight: 700; font-size: 1.4rem; text-decoration: none; }
header.site nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; margin-left: auto; }
header.site .link { color: #fff; }
.search { display: flex; gap: .4rem; flex: 1 1 16rem; max-width: 32rem; }
.search input { flex: 1; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
main:focus { outline: none; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); padding: 1rem 1.25rem; font-size: .9rem; }
h1 { font-size: 1.8rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 1.5rem 0 .75rem; }
input, select, textarea, button, .button { font: inherit; }
input, select, textarea { padding: .45rem .6rem; border: 1px solid #767683; border-radius: 6px;
  background: #fff; color: var(--ink); max-width: 100%; }
button, .button { display: inline-block; padding: .5rem 1rem; border-radius: 6px; border: 0;
  background: var(--brand); color: #fff; cursor: pointer; text-decoration: none; }
button:hover, .button:hover { background: var(--brand-dark); color: #fff; }
button:disabled { background: #8d8d99; cursor: not-allowed; }
button.secondary { background: #e7e7ee; color: var(--ink); }
button.danger { background: var(--bad); }
button.primary { font-size: 1.1rem; padding: .7rem 1.4rem; }
button.link { background: none; padding: 0; color: var(--brand); text-decoration: underline; }
form.inline { display: inline; }
.hero { background: var(--bg); border-radius: var(--radius); padding: 1.25rem 1.5rem; }
.hero h1 { margin-top: 0; }
.categories { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .75rem; }
.categories li { background: var(--bg); border-radius: var(--radius); padding: .6rem 1rem; }
.categories a { font-weight: 600; text-transform: capitalize; }
.count { display: block; color: var(--muted); font-size: .85rem; }
.grid { list-style: none; padding: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); }
.card { border: 1px solid var(--line); border-radius: var(--radius); padding: .6rem; display: flex;
  flex-direction: column; gap: .25rem; }
.card img, .product img { width: 100%; height: auto; border-radius: 6px; display: block; }
.card .name { font-weight: 600; display: block; margin-top: .4rem; }
.price { font-weight: 700; }
.product .price { font-size: 1.5rem; margin: 0; }
.stock { font-size: .9rem; font-weight: 600; }
.stock.in { color: var(--ok); } .stock.low { color: var(--warn); } .stock.out { color: var(--bad); }
.product { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; }
.crumbs { font-size: .9rem; margin-bottom: .5rem; text-transform: capitalize; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
.field { display: flex; flex-direction: column; gap: .2rem; margin-bottom: .8rem; }
.field label { font-weight: 600; }
.field .hint { margin: 0; color: var(--muted); font-size: .9rem; }
.field .error { margin: 0; color: var(--bad); font-weight: 600; }
.field.invalid input { border-color: var(--bad); border-width: 2px; }
.filters .field { margin: 0; }
.narrow { max-width: 28rem; }
.narrow input, .narrow textarea, .checkout input { width: 100%; }
fieldset { border: 1px solid var(--line); border-radius: var(--radius); margin: 0 0 1rem; padding: .75rem 1rem; }
legend { font-weight: 700; padding: 0 .3rem; }
.row { display: flex; flex-wrap: wrap; gap: 0 1rem; }
.row .field { flex: 1 1 8rem; }
.checkout { max-width: 36rem; }
.alert { border: 2px solid var(--bad); background: #fdf0f0; color: #6e1010; border-radius: var(--radius);
  padding: .5rem 1rem; margin: 0 0 1rem; }
.alert p { margin: .4rem 0; }
.flash { border: 2px solid var(--ok); background: #eef8f0; border-radius: var(--radius); padding: .6rem 1rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
.num { text-align: right; }
.qty { display: flex; gap: .4rem; align-items: center; }
.qty input { width: 4.5rem; }
.summary-box { background: var(--bg); border-radius: var(--radius); padding: .25rem 1rem .5rem; margin-bottom: 1rem; }
.summary-box ul { padding-left: 1.2rem; }
.status { display: inline-block; padding: .1rem .6rem; border-radius: 999px; font-weight: 700;
  font-size: .9rem; text-transform: uppercase; background: #e7e7ee; color: var(--ink); }
.status-paid, .status-shipped { background: #dff3e4; color: #0f4d1f; }
.status-cancelled, .status-refunded { background: #fbe3e3; color: #7a1414; }
.status-pending { background: #fff1d6; color: #5c3300; }
.muted { color: var(--muted); font-size: .9rem; }
.pager { display: flex; gap: 1rem; align-items: center; justify-content: center; margin: 1rem 0; }
.inline-form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
.inline-form .field { margin: 0; }
.inline-form + table, .inline-form + p { margin-top: 1rem; }
.checks label { display: flex; gap: .5rem; align-items: center; font-weight: 600; margin: .3rem 0; }
.narrow .checks input { width: auto; }
address { font-style: normal; }
@media (max-width: 40rem) {
  .product { grid-template-columns: 1fr; }
  header.site nav { margin-left: 0; }
  table.cart thead { display: none; }
  table.cart td, table.cart th { display: block; border: 0; padding: .2rem 0; }
  table.cart tr { display: block; border-bottom: 1px solid var(--line); padding: .5rem 0; }
  .num { text-align: left; }
}
`;

export const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#083a73"/>' +
  '<path d="M9 12h14l-1.5 11h-11z" fill="#fff"/><path d="M12 12a4 4 0 0 1 8 0" stroke="#fff" stroke-width="2" fill="none"/></svg>';
