import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed log-in attempts per email, kept in PostgreSQL so every instance applies the same limit. */
@Entity('login_throttles')
export class LoginThrottle {
  @PrimaryColumn({ type: 'text' })
  email: string;

  @Column({ type: 'int' })
  failures: number;

  @Column({ type: 'timestamptz' })
  windowStartedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
