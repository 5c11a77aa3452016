// Plausible Spanish / Latin-American CRM data for scripts/seed.ts: company and person names, tax ids,
// E.164 phones, emails and addresses of Spain (+34), Mexico (+52) and Colombia (+57). Deterministic for a seed.

/** mulberry32: a small, fast, seedable PRNG (the data is reproducible for a given seed). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i += 1) out += String(this.int(0, 9));
    return out;
  }
}

export type Country = 'ES' | 'MX' | 'CO';

interface City {
  name: string;
  region: string;
  postal: () => string;
  /** National landline prefix (after the country code). */
  landline: string;
}

export const COUNTRY_WEIGHTS: readonly (readonly [Country, number])[] = [
  ['ES', 50],
  ['MX', 30],
  ['CO', 20],
];

const pad = (value: number, size: number): string => String(value).padStart(size, '0');

export function citiesOf(country: Country, random: Random): readonly (readonly [City, number])[] {
  const es = (name: string, region: string, province: number, landline: string, weight: number) =>
    [{ name, region, landline, postal: () => `${pad(province, 2)}${pad(random.int(1, 999), 3)}` }, weight] as const;
  const mx = (name: string, region: string, base: number, landline: string, weight: number) =>
    [{ name, region, landline, postal: () => pad(base + random.int(0, 999), 5) }, weight] as const;
  const co = (name: string, region: string, base: number, landline: string, weight: number) =>
    [{ name, region, landline, postal: () => pad(base + random.int(0, 99), 6) }, weight] as const;
  if (country === 'ES') {
    return [
      es('Madrid', 'Madrid', 28, '91', 30),
      es('Barcelona', 'Cataluña', 8, '93', 22),
      es('Valencia', 'Comunidad Valenciana', 46, '96', 12),
      es('Sevilla', 'Andalucía', 41, '95', 9),
      es('Bilbao', 'País Vasco', 48, '94', 8),
      es('Zaragoza', 'Aragón', 50, '976', 7),
      es('Málaga', 'Andalucía', 29, '952', 7),
      es('Valladolid', 'Castilla y León', 47, '983', 5),
    ];
  }
  if (country === 'MX') {
    return [
      mx('Ciudad de México', 'CDMX', 1000, '55', 40),
      mx('Guadalajara', 'Jalisco', 44100, '33', 22),
      mx('Monterrey', 'Nuevo León', 64000, '81', 20),
      mx('Puebla', 'Puebla', 72000, '222', 10),
      mx('Querétaro', 'Querétaro', 76000, '442', 8),
    ];
  }
  return [
    co('Bogotá', 'Bogotá D.C.', 110100, '601', 40),
    co('Medellín', 'Antioquia', 50001, '604', 25),
    co('Cali', 'Valle del Cauca', 760001, '602', 18),
    co('Barranquilla', 'Atlántico', 80001, '605', 10),
    co('Cartagena', 'Bolívar', 130001, '605', 7),
  ];
}

const SURNAMES = [
  'García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Fernández', 'Rodríguez', 'Hernández', 'Díaz',
  'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil',
  'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega', 'Delgado', 'Castro', 'Ortiz',
  'Rubio', 'Marín', 'Sanz', 'Iglesias', 'Medina', 'Garrido', 'Cortés', 'Castillo', 'Santos', 'Lozano',
  'Guerrero', 'Cano', 'Prieto', 'Méndez', 'Cruz', 'Calvo', 'Gallego', 'Vidal', 'León', 'Herrera',
  'Márquez', 'Peña', 'Flores', 'Cabrera', 'Campos', 'Vega', 'Fuentes', 'Carrasco', 'Aguilar', 'Mendoza',
  'Restrepo', 'Ospina', 'Cárdenas', 'Quintero', 'Londoño', 'Zapata', 'Villalobos', 'Arango', 'Salazar', 'Echeverri',
];

const FIRST_NAMES = [
  'María', 'José', 'Carmen', 'Antonio', 'Ana', 'Manuel', 'Laura', 'Francisco', 'Lucía', 'David',
  'Marta', 'Javier', 'Elena', 'Daniel', 'Paula', 'Carlos', 'Sara', 'Alejandro', 'Cristina', 'Miguel',
  'Isabel', 'Pablo', 'Sofía', 'Sergio', 'Raquel', 'Jorge', 'Andrea', 'Luis', 'Beatriz', 'Diego',
  'Valentina', 'Santiago', 'Camila', 'Mateo', 'Mariana', 'Sebastián', 'Ximena', 'Emiliano', 'Guadalupe', 'Juan Pablo',
  'Daniela', 'Andrés', 'Natalia', 'Felipe', 'Gabriela', 'Ricardo', 'Verónica', 'Fernando', 'Alejandra', 'Héctor',
  'Rosa', 'Iván', 'Pilar', 'Álvaro', 'Julia', 'Rubén', 'Claudia', 'Óscar', 'Adriana', 'Mauricio',
];

const SECTORS = [
  'Distribuciones', 'Transportes', 'Construcciones', 'Alimentos', 'Tecnologías', 'Servicios', 'Inversiones',
  'Comercial', 'Ferretería', 'Farmacéutica', 'Textiles', 'Logística', 'Consultores', 'Ingeniería', 'Agropecuaria',
  'Suministros', 'Inmobiliaria', 'Muebles', 'Laboratorios', 'Editorial', 'Energías', 'Exportadora', 'Talleres',
  'Cerámicas', 'Bodegas', 'Clínica', 'Seguridad', 'Hoteles', 'Papelería', 'Plásticos',
];

const PROPER = [
  'Quetzal', 'Alborada', 'Aurora', 'Cóndor', 'Horizonte', 'Amanecer', 'Esmeralda', 'Montealto', 'Riviera', 'Solana',
  'Guadiana', 'Tequendama', 'Azteca', 'Macondo', 'Nazarí', 'Cantábrica', 'Orinoco', 'Magdalena', 'Sierra Nevada',
  'Pacífico', 'Atlántida', 'Iberia', 'Mediterránea', 'Andina', 'Caribe', 'Tayrona', 'Xochimilco', 'Tulum',
  'Vallarta', 'Galicia', 'Navarra', 'Bética', 'Castellana', 'Levante', 'Altiplano', 'Chapultepec', 'Cibeles',
  'Montserrat', 'Finisterre', 'Sotavento', 'Barlovento', 'Palmira', 'Zenit', 'Nexus', 'Vértice', 'Arrecife',
  'Trébol', 'Roble', 'Cedro', 'Olivo', 'Girasol', 'Colibrí', 'Jaguar', 'Halcón', 'Delfín', 'Lince', 'Puma',
  'Estrella Polar', 'Brisa', 'Cumbre', 'Fénix', 'Garza', 'Milenio', 'Ámbar', 'Coral', 'Jade', 'Obsidiana', 'Cuarzo',
];

const PREFIXES = ['Grupo', 'Corporación', 'Industrias', 'Inversiones', 'Compañía', 'Cooperativa', 'Hermanos'];
const SUFFIX_WORDS = ['Global', 'Digital', 'Logística', 'Soluciones', 'Consulting', 'Internacional', 'Hermanos', 'Group'];

const LEGAL_FORMS: Record<Country, readonly string[]> = {
  ES: ['S.L.', 'S.L.', 'S.L.', 'S.A.', 'S.L.U.', 'S.Coop.'],
  MX: ['S.A. de C.V.', 'S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.'],
  CO: ['S.A.S.', 'S.A.S.', 'S.A.S.', 'Ltda.', 'S.A.'],
};

const TLD: Record<Country, string> = { ES: 'es', MX: 'com.mx', CO: 'com.co' };

export const INDUSTRIES = [
  'Alimentación', 'Construcción', 'Tecnología', 'Logística', 'Salud', 'Retail', 'Manufactura', 'Energía',
  'Hostelería', 'Agricultura', 'Educación', 'Servicios financieros', 'Textil', 'Automoción',
];

export const POSITIONS = [
  'Director general', 'Gerente de compras', 'Jefa de administración', 'Responsable financiero', 'Director comercial',
  'Coordinadora de logística', 'Jefe de producción', 'Responsable de TI', 'Asistente de dirección', 'Contadora',
  'Gerente de operaciones', 'Directora de marketing', 'Responsable de RR. HH.', 'Comprador', null,
];

const STREETS: Record<Country, readonly string[]> = {
  ES: ['Calle Mayor', 'Avenida de la Constitución', 'Calle Real', 'Paseo de la Castellana', 'Gran Vía', 'Calle del Carmen', 'Rambla de Catalunya', 'Calle San Fernando'],
  MX: ['Avenida Insurgentes Sur', 'Paseo de la Reforma', 'Avenida Juárez', 'Calle Hidalgo', 'Avenida Chapultepec', 'Calle Morelos'],
  CO: ['Calle 72', 'Carrera 7', 'Avenida Boyacá', 'Avenida El Poblado', 'Calle 26', 'Carrera 15'],
};

/** Lower-case ASCII (no accents), for email local parts and domains. */
export function asciiSlug(value: string, separator = ''): string {
  const slug = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'y')
    .replace(/[^a-z0-9]+/g, separator || '');
  return separator ? slug.split(separator).filter(Boolean).join(separator) : slug;
}

export function companyName(random: Random): string {
  const pattern = random.int(0, 5);
  if (pattern === 0) return `${random.pick(SECTORS)} ${random.pick(SURNAMES)}`;
  if (pattern === 1) return `${random.pick(SECTORS)} ${random.pick(PROPER)}`;
  if (pattern === 2) return `${random.pick(PREFIXES)} ${random.pick(PROPER)}`;
  if (pattern === 3) return `${random.pick(SURNAMES)} y ${random.pick(SURNAMES)}`;
  if (pattern === 4) return `${random.pick(PROPER)} ${random.pick(SUFFIX_WORDS)}`;
  return `${random.pick(SECTORS)} ${random.pick(PROPER)} ${random.pick(SURNAMES)}`;
}

export const legalNameOf = (name: string, country: Country, random: Random): string => `${name} ${random.pick(LEGAL_FORMS[country])}`;

export const domainOf = (name: string, country: Country, serial: number): string =>
  `${asciiSlug(name).slice(0, 24)}${serial % 7 === 0 ? serial : ''}.${TLD[country]}`;

/** Spanish CIF (letter, 7 digits, control digit), Mexican RFC (12) or Colombian NIT (9 digits + check digit). */
export function taxIdOf(country: Country, serial: number, name: string, random: Random): string {
  if (country === 'ES') {
    const body = pad((serial * 7919 + 1234567) % 10_000_000, 7);
    let sum = 0;
    for (let i = 0; i < 7; i += 1) {
      const digit = Number(body[i]);
      if (i % 2 === 1) sum += digit;
      else sum += Math.floor((digit * 2) / 10) + ((digit * 2) % 10);
    }
    return `${random.pick(['B', 'B', 'B', 'A'])}${body}${(10 - (sum % 10)) % 10}`;
  }
  if (country === 'MX') {
    const letters = asciiSlug(name).replace(/[^a-z]/g, '').toUpperCase().padEnd(3, 'X').slice(0, 3);
    const date = `${pad(random.int(90, 99), 2)}${pad(random.int(1, 12), 2)}${pad(random.int(1, 28), 2)}`;
    return `${letters}${date}${pad(serial % 1000, 3).replace(/^0/, 'A')}`;
  }
  const body = String(800_000_000 + ((serial * 104_729) % 199_999_999));
  const weights = [41, 37, 29, 23, 19, 17, 13, 7, 3];
  const total = [...body].reduce((sum, digit, i) => sum + Number(digit) * weights[i], 0);
  const remainder = total % 11;
  return `${body}${remainder > 1 ? 11 - remainder : remainder}`;
}

/** A valid-looking E.164 number: mobile or the city's landline. */
export function phoneOf(country: Country, city: City, random: Random, mobile: boolean): string {
  if (country === 'ES') {
    return mobile ? `+34${random.pick(['6', '7'])}${random.digits(8)}` : `+34${city.landline}${random.digits(9 - city.landline.length)}`;
  }
  if (country === 'MX') return `+52${mobile ? random.pick(['55', '33', '81']) : city.landline}${random.digits(10 - (mobile ? 2 : city.landline.length))}`;
  return mobile ? `+573${random.pick(['00', '01', '10', '12', '15', '20'])}${random.digits(7)}` : `+57${city.landline}${random.digits(7)}`;
}

export function addressOf(city: City, country: Country, random: Random) {
  return {
    line1: `${random.pick(STREETS[country])} ${random.int(1, 250)}`,
    line2: random.chance(0.2) ? `Oficina ${random.int(1, 40)}` : null,
    city: city.name,
    region: city.region,
    postalCode: city.postal(),
    country,
  };
}

export interface PersonName {
  firstName: string;
  lastName: string;
}

export const personName = (random: Random): PersonName => ({
  firstName: random.pick(FIRST_NAMES),
  lastName: `${random.pick(SURNAMES)} ${random.pick(SURNAMES)}`,
});

export function personEmail(person: PersonName, domain: string, random: Random): string {
  const first = asciiSlug(person.firstName);
  const last = asciiSlug(person.lastName.split(' ')[0]);
  if (random.chance(0.15)) return `${first}${last}${random.int(1, 99)}@${random.pick(['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.es'])}`;
  return random.chance(0.5) ? `${first}.${last}@${domain}` : `${first[0]}${last}@${domain}`;
}
