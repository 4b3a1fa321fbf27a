import {
  addGuestLine,
  decodeGuestCart,
  encodeGuestCart,
  MAX_GUEST_LINES,
  planMerge,
  setGuestQuantity,
} from '../src/domain/guest-cart';

describe('guest cart', () => {
  it('round-trips through its cookie value and refuses anything malformed', () => {
    const lines = [
      { productId: 'a', quantity: 2 },
      { productId: 'b', quantity: 99 },
    ];
    expect(decodeGuestCart(encodeGuestCart(lines))).toEqual(lines);
    expect(decodeGuestCart('not base64 json')).toEqual([]);
    expect(decodeGuestCart(Buffer.from('[["a",100]]').toString('base64url'))).toEqual([]);
    expect(decodeGuestCart(Buffer.from('[["a",0]]').toString('base64url'))).toEqual([]);
    expect(decodeGuestCart(undefined)).toEqual([]);
  });

  it('adds to an existing line, capped at 99, and limits the number of lines', () => {
    let lines = addGuestLine([], 'a', 60);
    lines = addGuestLine(lines, 'a', 60);
    expect(lines).toEqual([{ productId: 'a', quantity: 99 }]);
    const full = Array.from({ length: MAX_GUEST_LINES }, (_, i) => ({
      productId: `p${i}`,
      quantity: 1,
    }));
    expect(() => addGuestLine(full, 'another', 1)).toThrow(RangeError);
    expect(addGuestLine(full, 'p0', 1)[0]).toEqual({ productId: 'p0', quantity: 2 });
  });

  it('sets and removes lines', () => {
    const lines = [{ productId: 'a', quantity: 2 }];
    expect(setGuestQuantity(lines, 'a', 5)).toEqual([{ productId: 'a', quantity: 5 }]);
    expect(setGuestQuantity(lines, 'a', 0)).toEqual([]);
  });
});

describe('merging a guest cart into the user cart', () => {
  it('adds new lines, adds quantities to existing ones and caps each line at 99', () => {
    const plan = planMerge(
      [
        { productId: 'new', quantity: 3 },
        { productId: 'both', quantity: 2 },
        { productId: 'near-cap', quantity: 10 },
        { productId: 'at-cap', quantity: 5 },
      ],
      [
        { productId: 'both', quantity: 4 },
        { productId: 'near-cap', quantity: 95 },
        { productId: 'at-cap', quantity: 99 },
        { productId: 'user-only', quantity: 1 },
      ],
    );
    expect(plan).toEqual([
      { productId: 'new', action: 'add', quantity: 3 },
      { productId: 'both', action: 'set', quantity: 6 },
      { productId: 'near-cap', action: 'set', quantity: 99 },
    ]);
  });

  it('has nothing to do for an empty guest cart', () => {
    expect(planMerge([], [{ productId: 'a', quantity: 1 }])).toEqual([]);
  });
});
