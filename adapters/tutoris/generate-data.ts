// Plausible material for generated Tutoris exports (generate.ts): invented people of
// the main origins of AP/R persons in Switzerland, with their codes as Tutoris keeps them.

export interface Origin {
  /** ISO alpha-3, as Tutoris writes `Nationalitaet/@Code`. */
  country: string;
  countryName: string;
  /** First language (ISO 639-2/B) and its German name. */
  language: [string, string];
  /** Share of generated persons, in per mille. */
  weight: number;
  familyNames: readonly string[];
  male: readonly string[];
  female: readonly string[];
}

export const ORIGINS: readonly Origin[] = [
  {
    country: 'ERI',
    countryName: 'Eritrea',
    language: ['tir', 'Tigrinya'],
    weight: 240,
    familyNames: ['Tesfamariam', 'Haile', 'Gebremedhin', 'Tekle', 'Ghebreyesus', 'Berhane', 'Kidane', 'Woldu', 'Andemariam', 'Habte'],
    male: ['Yonas', 'Dawit', 'Samuel', 'Filmon', 'Merhawi', 'Biniam', 'Efrem', 'Robel'],
    female: ['Selam', 'Helen', 'Senait', 'Luwam', 'Saba', 'Ruta', 'Yordanos', 'Mebrat'],
  },
  {
    country: 'AFG',
    countryName: 'Afghanistan',
    language: ['per', 'Persisch'],
    weight: 200,
    familyNames: ['Ahmadi', 'Hosseini', 'Rahimi', 'Sultani', 'Karimi', 'Nazari', 'Haidari', 'Mohammadi', 'Jafari', 'Sadat'],
    male: ['Ahmad', 'Mohammad', 'Ali', 'Mustafa', 'Hamid', 'Farid', 'Jawad', 'Rahim'],
    female: ['Fatima', 'Zahra', 'Maryam', 'Shabnam', 'Nargis', 'Parwana', 'Soraya', 'Laila'],
  },
  {
    country: 'SYR',
    countryName: 'Syrien',
    language: ['ara', 'Arabisch'],
    weight: 130,
    familyNames: ['Al-Hassan', 'Haddad', 'Khalil', 'Mansour', 'Darwish', 'Saleh', 'Youssef', 'Aziz', 'Hamdan', 'Nasser'],
    male: ['Omar', 'Khaled', 'Yousef', 'Rami', 'Bashar', 'Tarek', 'Hassan', 'Samer'],
    female: ['Rania', 'Amal', 'Lina', 'Hiba', 'Nour', 'Dima', 'Reem', 'Yasmin'],
  },
  {
    country: 'TUR',
    countryName: 'Türkei',
    language: ['kur', 'Kurdisch'],
    weight: 140,
    familyNames: ['Yıldız', 'Doğan', 'Aydın', 'Çelik', 'Şahin', 'Kaya', 'Öztürk', 'Arslan', 'Koç', 'Güneş'],
    male: ['Baran', 'Mehmet', 'Serhat', 'Deniz', 'Ferhat', 'Rıza', 'Ahmet', 'Welat'],
    female: ['Rojda', 'Dilan', 'Zeynep', 'Berfin', 'Gülşen', 'Ayşe', 'Nurcan', 'Evîn'],
  },
  {
    country: 'UKR',
    countryName: 'Ukraine',
    language: ['ukr', 'Ukrainisch'],
    weight: 150,
    familyNames: ['Kovalenko', 'Bondarenko', 'Shevchenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boyko', 'Oliynyk', 'Lysenko', 'Marchenko'],
    male: ['Oleksandr', 'Andrii', 'Dmytro', 'Serhii', 'Mykola', 'Ivan', 'Yurii', 'Taras'],
    female: ['Olena', 'Iryna', 'Natalia', 'Tetiana', 'Oksana', 'Kateryna', 'Yulia', 'Svitlana'],
  },
  {
    country: 'SOM',
    countryName: 'Somalia',
    language: ['som', 'Somali'],
    weight: 60,
    familyNames: ['Mohamed', 'Abdi', 'Hassan', 'Warsame', 'Farah', 'Osman', 'Jama', 'Nur'],
    male: ['Abdirahman', 'Mahad', 'Liban', 'Said', 'Yusuf', 'Abdullahi'],
    female: ['Hodan', 'Ayaan', 'Fadumo', 'Sahra', 'Hibo', 'Asha'],
  },
  {
    country: 'LKA',
    countryName: 'Sri Lanka',
    language: ['tam', 'Tamil'],
    weight: 40,
    familyNames: ['Sivakumar', 'Rajendran', 'Tharmalingam', 'Kanagaratnam', 'Selvarajah', 'Nadarajah'],
    male: ['Tharshan', 'Kajan', 'Suthan', 'Niroshan', 'Pirathees'],
    female: ['Tharshini', 'Kavitha', 'Sharmila', 'Nirmala', 'Vasanthi'],
  },
  {
    country: 'IRN',
    countryName: 'Iran',
    language: ['per', 'Persisch'],
    weight: 40,
    familyNames: ['Rezaei', 'Moradi', 'Ghorbani', 'Kazemi', 'Hashemi', 'Ebrahimi'],
    male: ['Reza', 'Amir', 'Mehdi', 'Saeed', 'Babak'],
    female: ['Shirin', 'Neda', 'Mahsa', 'Leila', 'Parisa'],
  },
];

export const MUNICIPALITIES: readonly [number, string][] = [
  [2939, 'Schaffhausen'],
  [2939, 'Schaffhausen'],
  [2937, 'Neuhausen am Rheinfall'],
  [2952, 'Thayngen'],
];

/** Invented staff: `BenutzerId` is mapped, the name (quirk 9) never is. */
export const STAFF: readonly [string, string][] = [
  ['U0147', 'Keller Martina'],
  ['U0212', 'Baumann-Rüegg Daniel'],
  ['U0233', 'Frei Sandra'],
  ['U0301', 'Meier Thomas'],
  ['U0318', 'Graf-Oğuz Selin'],
];

export const MEASURES: readonly [string, string, string][] = [
  ['SPRACHKURS', 'Deutsch A1–A2 intensiv', 'ECAP Schaffhausen'],
  ['SPRACHKURS', 'Deutsch B1 Abendkurs', 'Klubschule Migros Schaffhausen'],
  ['JOBCOACHING', 'Jobcoaching Einstieg Arbeitsmarkt', ''],
  ['ARBEITSABKL', 'Arbeitsabklärung Werkstatt', 'SAH Schaffhausen'],
  ['INVOL', 'Integrationsvorlehre Detailhandel', 'BBZ Schaffhausen'],
  ['BESCHPROG', 'Beschäftigungsprogramm Velowerkstatt', 'SAH Schaffhausen'],
  ['KINDERBETR', 'Spielgruppe während Kursbesuch', ''],
  ['GRUNDKOMP', 'Alltagsmathematik & Computer', 'ECAP Schaffhausen'],
];

export const OCCUPATIONS: readonly [string, string][] = [
  ['7531', 'Schneiderin / Schneider'],
  ['9112', 'Reinigungskraft'],
  ['7411', 'Elektriker'],
  ['5120', 'Koch / Köchin'],
  ['8322', 'Fahrer'],
  ['6111', 'Landwirtschaft'],
  ['5223', 'Verkauf'],
];

export const NOTES: readonly string[] = [
  'Erstgespräch geführt, Unterlagen erhalten.',
  'Standortgespräch: Ziele für das nächste Halbjahr vereinbart.',
  'Telefonische Rückfrage zum Kursbesuch.',
  'Kostengutsprache für Sprachkurs erteilt.',
  'Übergabe an die Fachstelle Integration besprochen.',
];
