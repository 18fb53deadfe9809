namespace ENotary.Web
{
    using System;
    using System.Data;
    using System.Data.Common;
    using System.IO;
    using System.Xml;

    /// <summary>
    /// Выгрузка реестра за период в XML для Республиканской нотариальной палаты (версия 2.1).
    /// Тізілімді Республикалық нотариаттық палатаға XML түрінде түсіру.
    /// </summary>
    public sealed class RegistryExport
    {
        private readonly Registry registry;

        public RegistryExport(Registry registry)
        {
            this.registry = registry;
        }

        public void Write(DateTime from, DateTime to, TextWriter output)
        {
            if (to < from) throw new ArgumentException("Конец периода раньше начала");
            var settings = new XmlWriterSettings { Indent = true, Encoding = System.Text.Encoding.UTF8 };
            using (XmlWriter xml = XmlWriter.Create(output, settings))
            using (DbConnection db = registry.Open())
            using (DbCommand cmd = db.CreateCommand())
            {
                cmd.CommandText = "SELECT number, license, kind, registered_at, revoked FROM notarial_act WHERE registered_at >= ? AND registered_at < ? ORDER BY number";
                Registry.Add(cmd, "@f", from.Date);
                Registry.Add(cmd, "@t", to.Date.AddDays(1));
                xml.WriteStartElement("registry");
                xml.WriteAttributeString("from", from.ToString("yyyy-MM-dd"));
                xml.WriteAttributeString("to", to.ToString("yyyy-MM-dd"));
                using (IDataReader r = cmd.ExecuteReader())
                {
                    while (r.Read())
                    {
                        xml.WriteStartElement("act");
                        xml.WriteAttributeString("number", r.GetString(0));
                        xml.WriteAttributeString("license", r.GetString(1));
                        xml.WriteAttributeString("kind", r.GetString(2));
                        xml.WriteAttributeString("registered", r.GetDateTime(3).ToString("s"));
                        if (r.GetBoolean(4)) xml.WriteAttributeString("revoked", "true");
                        xml.WriteEndElement();
                    }
                }
                xml.WriteEndElement();
            }
        }
    }
}
