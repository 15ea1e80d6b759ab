/**
 * What a person does on SIPROS's pages, for the browser tests: type each field key by key, click
 * the visible label of an option, move through the form's steps, and sign up. One copy of each, so
 * a change of the pages is followed in one place (issue 10: no copies of the sign-up form or of the
 * CUIS filling in the tests).
 */
import { expect } from 'vitest';
import type { Locator, Page, Response } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { NotificationOutbox } from '../../runtime/db/entities.ts';
import { heading, label, settle } from './browser.ts';

/**
 * The same field by its id: a locator found through a name that the typing changes (a group named
 * after the text being typed) would lose the field after the first key.
 */
async function stable(field: Locator): Promise<Locator> {
  const id = await field.getAttribute('id');
  return id ? field.page().locator(`[id="${id}"]`) : field;
}

/**
 * Clicks into a text field and types it key by key (no paste); the field must then show it, or
 * `shows` where the page reformats what is typed (a CURP in capitals), or anything when `shows` is null.
 */
export async function typeText(field: Locator, text: string, shows: string | null = text): Promise<void> {
  const input = await stable(field);
  await input.click();
  await input.pressSequentially(text);
  if (shows !== null) expect(await input.inputValue()).toBe(shows);
}

/** Empties a field and types it one key at a time, checking after each key that nothing else changed it. */
export async function typeKeys(page: Page, input: Locator, text: string): Promise<void> {
  await input.click();
  await input.press('Control+A');
  await input.press('Backspace');
  await settle(page);
  expect(await input.inputValue()).toBe('');
  let typed = '';
  for (const key of text) {
    await input.press(key);
    typed += key;
    await settle(page);
    expect(await input.inputValue(), `después de teclear «${typed}»`).toBe(typed);
  }
}

/** Empties a field and types a new value key by key (what it must then show: as in typeText). */
export async function retype(field: Locator, text: string, shows: string | null = text): Promise<void> {
  const input = await stable(field);
  await input.click();
  await input.press('Control+A');
  await input.press('Backspace');
  await typeText(input, text, shows);
}

/**
 * Opens a drop-down list (an MUI select) and waits until it is fully shown: as a person looks at the list
 * before choosing, a click while the list still grows into place lands where the option was a moment
 * before and is lost (seen on a loaded CI machine: the option stayed ticked). Returns the open list.
 */
export async function openList(combobox: Locator): Promise<Locator> {
  await combobox.click();
  const list = combobox.page().getByRole('listbox');
  await list.waitFor();
  // Until no transition runs, whichever it is: waiting on the list's own transitions' `finished` failed in CI when
  // one was cancelled and replaced by another (it rejects with an AbortError).
  await settle(combobox.page());
  return list;
}

/** Clicks the visible label of an option in a radio group; the option is then chosen. */
export async function chooseLabel(group: Locator, option: string | RegExp): Promise<void> {
  const radioNamed = { name: option, exact: typeof option === 'string' };
  // `has` is looked up inside each label, so it starts from the page, not from the group.
  await group.locator('label').filter({ has: group.page().getByRole('radio', radioNamed) }).click();
  expect(await group.getByRole('radio', radioNamed).isChecked()).toBe(true);
}

/** Picks an option of the radio group named by its question. */
export async function pickRadio(page: Page, question: string | RegExp, option: string): Promise<void> {
  await chooseLabel(page.getByRole('radiogroup', { name: question }), option);
}

/** Picks an option of the list named by its question, by the option's visible text. */
export async function pickOption(page: Page, question: string, option: string): Promise<void> {
  await page.getByLabel(label(question)).selectOption({ label: option });
}

/** What the day, month and year boxes of a date show. */
export async function dateShown(group: Locator): Promise<string[]> {
  return [await group.getByLabel('Día').inputValue(), await group.getByLabel('Mes').inputValue(), await group.getByLabel('Año').inputValue()];
}

/** «Siguiente», then the next step's title must be the heading. */
export async function nextStep(page: Page, stepTitle: string): Promise<void> {
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await heading(page, new RegExp(stepTitle), 2);
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The form's heading «Paso N de M <name>» of the step now shown. */
export async function stepHeading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 2, name: new RegExp(`^Paso \\d+ de \\d+\\s*${escapeRe(name)}$`) }).waitFor();
}

/** «Siguiente», then the step named must be the one shown. */
export async function siguiente(page: Page, nextStepName: string): Promise<void> {
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await stepHeading(page, nextStepName);
}

/**
 * Makes a move in the application form, then waits until the server keeps the step now shown as the
 * draft's position: the form saves it just after the step changes, and a reload before that answer
 * reopens the step before (a person does not reload within those milliseconds; a loaded CI machine can).
 */
export async function movedAndKept(page: Page, move: () => Promise<void>): Promise<void> {
  const kept: number[] = [];
  const onResponse = (r: Response) => {
    if (r.request().method() === 'PUT' && r.url().endsWith('/borrador/posicion') && r.ok()) kept.push((JSON.parse(r.request().postData() ?? '{}') as { paso?: number }).paso ?? -1);
  };
  page.on('response', onResponse);
  try {
    await move();
    const shown = await page.getByRole('heading', { level: 2, name: /^Paso \d+ de \d+/ }).innerText();
    const step = Number(/^Paso (\d+)/.exec(shown)![1]) - 1;
    await expect.poll(() => kept.includes(step), { message: `la posición del paso ${step + 1} se guardó` }).toBe(true);
  } finally {
    page.off('response', onResponse);
  }
}

/** The personal data of a sign-up, online or at a ventanilla. */
export interface Person {
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido: string;
  telefono: string;
  correo?: string;
  /** Online sign-up only (at a ventanilla the person may set it later). */
  contrasena?: string;
}

/**
 * Types the names, phone, e-mail and password of the sign-up form, key by key. The CURP, and the
 * birth date and sex it fills, are left to each test: that is where they differ.
 */
export async function typePersonalData(page: Page, person: Person): Promise<void> {
  await typeText(page.getByLabel(label('Nombre(s)')), person.nombres);
  await typeText(page.getByLabel(label('Primer apellido')), person.primerApellido);
  await typeText(page.getByLabel(label('Segundo apellido')), person.segundoApellido);
  await typeText(page.getByLabel(label('Teléfono celular')), person.telefono);
  if (person.correo) await typeText(page.getByLabel(label('Correo electrónico')), person.correo);
  if (person.contrasena) {
    await typeText(page.getByLabel(label('Contraseña')), person.contrasena);
    await typeText(page.getByLabel(label('Confirma tu contraseña')), person.contrasena);
  }
}

/** The six-digit code of the newest SMS sent to a phone (the development SMS provider keeps them in the outbox). */
export async function smsCode(app: FastifyInstance, phone: string): Promise<string> {
  const sms = await app.db.orm.em.fork().find(NotificationOutbox, { phone }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  const code = /\b(\d{6})\b/.exec(sms[0]?.body ?? '')?.[1];
  expect(code, 'código en el SMS').toBeTruthy();
  return code!;
}

/** On «Verificar teléfono»: types the code the SMS brought and confirms; the open calls come next. */
export async function verifyPhoneFromSms(page: Page, app: FastifyInstance, phone: string): Promise<void> {
  await typeText(page.getByLabel(label('Código de verificación')), await smsCode(app, phone));
  await page.getByRole('button', { name: 'Verificar teléfono' }).click();
  await heading(page, 'Apoyos disponibles');
}
