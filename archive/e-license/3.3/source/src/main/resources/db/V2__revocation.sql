-- «Е-лицензирование» 3.3: статусы и отзыв лицензий
ALTER TABLE license ADD COLUMN status varchar(10) NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'suspended', 'revoked'));
ALTER TABLE license ADD COLUMN status_reason text;
ALTER TABLE license ADD COLUMN status_changed_at timestamptz;
CREATE INDEX license_status ON license (status) WHERE status <> 'active';
