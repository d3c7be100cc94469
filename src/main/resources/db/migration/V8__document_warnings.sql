-- What could not be read in a document that is otherwise usable (READY): a ZIP member or e-mail attachment that
-- was skipped, an image that was not read by OCR. One sentence per warning, in the order they arose.
ALTER TABLE documents ADD COLUMN warnings text[] NOT NULL DEFAULT '{}';
