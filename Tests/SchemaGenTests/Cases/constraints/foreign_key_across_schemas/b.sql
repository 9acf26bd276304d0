CREATE SCHEMA crm;
CREATE TABLE crm.companies (id uuid PRIMARY KEY);
CREATE TABLE contacts (id uuid PRIMARY KEY, company_id uuid REFERENCES crm.companies (id) ON DELETE CASCADE);
