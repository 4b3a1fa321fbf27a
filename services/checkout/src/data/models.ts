import type { SagaStatus } from '@gomall/contracts';
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

class SagaRow extends Model<InferAttributes<SagaRow>, InferCreationAttributes<SagaRow>> {
  declare id: string;
  declare userId: string;
  declare status: SagaStatus;
  /** Running: the next step to invoke. Compensating: the highest step still to undo. */
  declare stepIndex: number;
  /** JSON of SagaData. */
  declare data: string;
  /** JSON `{ status, code, message, details }` of what made the saga compensate. */
  declare failure: string | null;
  /** The token of the run (not the process) that drives the saga until `leaseUntil`. */
  declare owner: string;
  /** Database time (NOW(3)); every comparison with it is made in SQL, never with an app clock. */
  declare leaseUntil: Date;
  /** Runs that took the saga on: the first and each recovery. */
  declare attempts: CreationOptional<number>;
  /** A `stuck` saga's status before it parked; an admin retry resumes from it. */
  declare parkedFrom: CreationOptional<SagaStatus | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

class IdempotencyRow extends Model<
  InferAttributes<IdempotencyRow>,
  InferCreationAttributes<IdempotencyRow>
> {
  declare userId: string;
  declare idempotencyKey: string;
  declare requestHash: string;
  declare sagaId: string;
  declare responseStatus: number | null;
  /** JSON of the first answer, replayed for every later request with the same key and body. */
  declare responseBody: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export interface CheckoutModels {
  Saga: typeof SagaRow;
  Idempotency: typeof IdempotencyRow;
}

export function defineModels(sequelize: Sequelize): CheckoutModels {
  SagaRow.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      userId: { type: DataTypes.STRING(64), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      stepIndex: { type: DataTypes.TINYINT.UNSIGNED, allowNull: false },
      data: { type: DataTypes.TEXT('medium'), allowNull: false },
      failure: { type: DataTypes.TEXT, allowNull: true },
      owner: { type: DataTypes.CHAR(36), allowNull: false },
      leaseUntil: { type: DataTypes.DATE(3), allowNull: false },
      attempts: { type: DataTypes.SMALLINT.UNSIGNED, allowNull: false, defaultValue: 1 },
      parkedFrom: { type: DataTypes.STRING(16), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'checkout_sagas' },
  );
  IdempotencyRow.init(
    {
      userId: { type: DataTypes.STRING(64), primaryKey: true },
      idempotencyKey: { type: DataTypes.STRING(255), primaryKey: true },
      requestHash: { type: DataTypes.CHAR(64), allowNull: false },
      sagaId: { type: DataTypes.CHAR(36), allowNull: false },
      responseStatus: { type: DataTypes.SMALLINT.UNSIGNED, allowNull: true },
      responseBody: { type: DataTypes.TEXT('medium'), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'checkout_idempotency' },
  );
  return { Saga: SagaRow, Idempotency: IdempotencyRow };
}
