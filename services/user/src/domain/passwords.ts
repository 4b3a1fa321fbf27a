import bcrypt from 'bcryptjs';

/**
 * bcrypt hashing with a configured cost. `verifyOrWaste` keeps a login for an unknown email as
 * slow as one with a wrong password, so timing does not tell which emails have accounts.
 */
export class PasswordHasher {
  private readonly dummyHash: string;

  constructor(private readonly cost: number) {
    // Built once at start, with the same cost as real hashes, so comparing against it costs the same.
    this.dummyHash = bcrypt.hashSync('gomall-timing-equaliser', cost);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  /** Compares against the real hash, or against a dummy one when there is no user, then answers. */
  async verifyOrWaste(password: string, hash: string | undefined): Promise<boolean> {
    const matches = await bcrypt.compare(password, hash ?? this.dummyHash);
    return hash !== undefined && matches;
  }
}
