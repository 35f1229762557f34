import { expect, type Locator, type Page } from '@playwright/test';
import type { ContactValues } from '../support/builders';

/** The add / edit contact dialog. */
export class ContactDialog {
  readonly root: Locator;
  readonly save: Locator;
  readonly cancel: Locator;
  readonly department: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('contact-dialog');
    this.save = page.getByTestId('contact-save');
    this.cancel = page.getByTestId('contact-cancel');
    this.department = page.getByTestId('contact-field-departmentId');
  }

  field(name: keyof ContactValues): Locator {
    return this.root.getByTestId(`contact-field-${name}`);
  }

  fieldError(name: keyof ContactValues): Locator {
    return this.root.getByTestId(`contact-field-error-${name}`);
  }

  /** Fills the form; `departmentPath` is the option text, e.g. "销售部 / 大客户部". */
  async fill(values: Partial<ContactValues>, departmentPath?: string): Promise<void> {
    for (const [name, value] of Object.entries(values) as [keyof ContactValues, string | undefined][]) {
      if (value !== undefined) await this.field(name).fill(value);
    }
    if (departmentPath !== undefined) await this.department.selectOption({ label: departmentPath });
  }
}

/** 组织机构与联系人: the department tree and the contacts of the selected department. */
export class OrganisationTab {
  readonly root: Locator;
  readonly tree: Locator;
  readonly departments: Locator;
  readonly allContacts: Locator;
  readonly unassigned: Locator;
  readonly contactRows: Locator;
  readonly contactDialog: ContactDialog;
  readonly deptNameInput: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('organisation-tab');
    this.tree = page.getByTestId('department-tree');
    this.departments = page.getByTestId('department-node');
    this.allContacts = page.getByTestId('department-all');
    this.unassigned = page.getByTestId('department-unassigned');
    this.contactRows = page.getByTestId('contact-row');
    this.contactDialog = new ContactDialog(page);
    this.deptNameInput = page.getByTestId('dept-name-input');
  }

  department(name: string): Locator {
    return this.tree.locator(`[data-testid=department-node][data-name="${name}"]`);
  }

  /** `child` drawn inside `parent`'s branch of the tree. */
  childDepartment(parent: string, child: string): Locator {
    return this.tree.locator(
      `li:has(> [data-testid=department-node][data-name="${parent}"]) > ul > li > [data-testid=department-node][data-name="${child}"]`,
    );
  }

  private async nameDepartment(name: string): Promise<void> {
    await expect(this.page.getByTestId('dept-name')).toBeVisible();
    await this.deptNameInput.fill(name);
    await this.page.getByTestId('dept-name-ok').click();
    await expect(this.page.getByTestId('dept-name')).toBeHidden();
    await expect(this.department(name)).toBeVisible();
  }

  /** ＋ 添加部门: a top-level department. */
  async addDepartment(name: string): Promise<void> {
    await this.page.getByTestId('add-department').click();
    await this.nameDepartment(name);
  }

  /** Selects `parent` and uses its ＋ (添加下级部门). */
  async addSubDepartment(parent: string, name: string): Promise<void> {
    const node = this.department(parent);
    await node.click();
    await node.getByTestId('department-add-child').click();
    await this.nameDepartment(name);
  }

  async selectDepartment(name: string): Promise<void> {
    await this.department(name).click();
    await expect(this.department(name)).toHaveClass(/selected/);
  }

  async selectAll(): Promise<void> {
    await this.allContacts.click();
  }

  contact(name: string): Locator {
    return this.root.locator(`[data-testid=contact-row][data-name="${name}"]`);
  }

  /** Opens the add-contact dialog (placed in the selected department by default). */
  async startAddContact(): Promise<ContactDialog> {
    await this.page.getByTestId('add-contact').click();
    await expect(this.contactDialog.root).toBeVisible();
    return this.contactDialog;
  }

  /** Adds a contact through the dialog and waits for its row. */
  async addContact(values: ContactValues, departmentPath?: string): Promise<void> {
    const dialog = await this.startAddContact();
    await dialog.fill(values, departmentPath);
    await dialog.save.click();
    await expect(dialog.root).toBeHidden();
    await expect(this.contact(values.name)).toBeVisible();
  }
}
