using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("ENotary.Web")]
[assembly: AssemblyDescription("ИС «Е-нотариат»: реестр нотариальных действий")]
[assembly: AssemblyCompany("ТОО «Нотариальные системы»")]
[assembly: AssemblyProduct("Е-нотариат")]
[assembly: AssemblyCopyright("© Министерство юстиции Республики Казахстан, 2012")]
[assembly: ComVisible(false)]
[assembly: Guid("b3f1a9d2-5e0c-4c8e-8f6a-91d2c7e40a15")]
[assembly: AssemblyVersion("2.0.0.0")]
[assembly: AssemblyFileVersion("2.0.4127.0")]
