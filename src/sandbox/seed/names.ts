// Word lists for generated customers: Microsoft's own fictitious company names, with people and
// addresses that fit each market.

export const COMPANY_BASES = [
  'Contoso', 'Fabrikam', 'Northwind', 'Adventure Works', 'Tailspin', 'Wingtip', 'Litware', 'Proseware',
  'Woodgrove', 'Alpine Ski House', 'Coho', 'Trey Research', 'Wide World', 'Lucerne', 'Margie', 'Humongous',
  'Blue Yonder', 'Fourth Coffee', 'Southridge', 'Relecloud', 'VanArsdel', 'Bellows', 'Consolidated Messenger',
  'City Power', 'Datum', 'First Up', 'Munson', 'Nod', 'Olympia', 'Tailwind', 'Lamna', 'Graphic Design',
] as const;

export const SECTORS = [
  'Retail', 'Logistics', 'Health', 'Energy', 'Labs', 'Media', 'Foods', 'Consulting', 'Systems', 'Analytics',
  'Travel', 'Insurance', 'Publishing', 'Traders',
] as const;

export interface MarketPeople {
  readonly legalForms: readonly string[];
  readonly culture: string;
  readonly language: string;
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly streets: readonly string[];
  /** [city, state, postal code prefix] */
  readonly cities: ReadonlyArray<readonly [string, string, string]>;
  readonly phonePrefix: string;
  /** German addresses put the house number after the street. */
  readonly numberAfterStreet?: true;
}

export const PEOPLE: Readonly<Record<'US' | 'DE' | 'FR', MarketPeople>> = {
  US: {
    legalForms: ['Inc.', 'LLC', 'Corp.'],
    culture: 'en-US',
    language: 'en',
    firstNames: ['Avery', 'Jordan', 'Morgan', 'Taylor', 'Riley', 'Casey', 'Jamie', 'Quinn'],
    lastNames: ['Smith', 'Johnson', 'Garcia', 'Miller', 'Davis', 'Lopez', 'Wilson', 'Anderson'],
    streets: ['Main Street', 'Oak Avenue', 'Pine Road', 'Lake Drive', 'Market Street'],
    cities: [['Redmond', 'WA', '980'], ['Seattle', 'WA', '981'], ['Austin', 'TX', '787'], ['Boston', 'MA', '021']],
    phonePrefix: '+1 425',
  },
  DE: {
    legalForms: ['GmbH', 'AG', 'GmbH & Co. KG'],
    culture: 'de-DE',
    language: 'de',
    firstNames: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Mia', 'Paul', 'Lena'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker'],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Schillerstraße', 'Lindenallee'],
    cities: [['Berlin', 'BE', '10'], ['München', 'BY', '80'], ['Hamburg', 'HH', '20'], ['Köln', 'NW', '50']],
    phonePrefix: '+49 30',
    numberAfterStreet: true,
  },
  FR: {
    legalForms: ['SARL', 'SAS', 'SA'],
    culture: 'fr-FR',
    language: 'fr',
    firstNames: ['Camille', 'Louis', 'Chloé', 'Hugo', 'Manon', 'Jules', 'Inès', 'Léo'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand'],
    streets: ['Rue de la Paix', 'Avenue Victor Hugo', 'Rue du Moulin', 'Boulevard Voltaire', 'Rue de Lyon'],
    cities: [['Paris', 'IDF', '75'], ['Lyon', 'ARA', '69'], ['Toulouse', 'OCC', '31'], ['Nantes', 'PDL', '44']],
    phonePrefix: '+33 1',
  },
};
